/** Where the site is published: canonical links, feeds and Substack source links are absolute. */
export const SITE_URL = (process.env.FIELDNOTES_SITE_URL ?? 'https://fieldnotes.example.org').replace(/\/+$/, '');

/** The language of the home and index pages (document pages speak their document's language). */
export const SITE_LANGUAGE = process.env.FIELDNOTES_SITE_LANGUAGE ?? 'en';
