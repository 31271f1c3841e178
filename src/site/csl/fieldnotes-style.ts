/**
 * Fieldnotes' own citation style: numeric markers [1] in the text, and a bibliography of the
 * cited source spans. It prints only item variables (title, author, date, note, URL) and no
 * localized terms, so it reads the same on Russian, Korean and English pages without a locale
 * file, and it never title-cases (file names and Russian titles stay as written).
 *
 * Kept as a string (not a .csl file) so it travels inside the site's build output.
 */
export const FIELDNOTES_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never">
  <info>
    <title>Fieldnotes source spans</title>
    <id>fieldnotes-source-spans</id>
    <category citation-format="numeric"/>
    <updated>2026-11-23T00:00:00+00:00</updated>
  </info>
  <citation collapse="citation-number">
    <sort>
      <key variable="citation-number"/>
    </sort>
    <layout prefix="[" suffix="]" delimiter=",">
      <text variable="citation-number"/>
    </layout>
  </citation>
  <bibliography second-field-align="flush">
    <layout>
      <text variable="citation-number" suffix=". "/>
      <group delimiter=". " suffix=".">
        <text variable="title"/>
        <names variable="author">
          <name form="long"/>
        </names>
        <date variable="issued">
          <date-part name="year"/>
          <date-part name="month" form="numeric-leading-zeros" prefix="-"/>
          <date-part name="day" form="numeric-leading-zeros" prefix="-"/>
        </date>
        <text variable="note"/>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>
`;
