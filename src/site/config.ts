/** Where the site is published: canonical links, feeds and Substack source links are absolute. */
export const SITE_URL = (process.env.FIELDNOTES_SITE_URL ?? 'https://fieldnotes.example.org').replace(/\/+$/, '');
