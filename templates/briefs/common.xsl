<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared templates of the brief stylesheets (summary.xsl, member.xsl,
     target.xsl).  Input: an Alliance data file (doc/data-format.md).
     Output: a brief (doc/brief-format.md, data/brief.rng).

     Performance: a batch runs member.xsl once per member over the same
     parsed document, so everything evaluated here at the start of a
     transformation must be cheap.  Global variables below only select small
     parts of the document (the paths are written in parentheses, which keeps
     libxml2 from walking the whole tree with its streaming evaluator); no
     global variable here visits the members.  The two keys are built only
     when summary.xsl or target.xsl calls key(), once per transformation. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="exsl set str">

  <!-- Parameters that the program passes to every template. -->
  <xsl:param name="generator" select="''"/>
  <xsl:param name="marking" select="''"/>

  <!-- Whether a source id is cited is decided on $source-ids, a string of
       the ids built once per transformation.  A <source> is fetched (to
       write a reference) by scanning the <source> elements, or with the key
       "source" when each main stylesheet sets $source-key to true(): summary
       and target do so when there are many sources.  The first key() call
       of a transformation builds every key of the stylesheet; the keys here
       match absolute paths with a predicate, which libxml2 evaluates step
       by step over the few nodes on the path (a pattern such as
       "sources/source" is evaluated as "//sources/source", a walk of the
       whole document).  member.xsl, which runs once per member, never calls
       key(). -->
  <xsl:key name="source" match="/alliance/sources/source[@id]" use="@id"/>
  <xsl:key name="member-code" match="/alliance/members/member[@code]" use="normalize-space(@code)"/>
  <xsl:variable name="sources" select="(/alliance/sources/source)"/>
  <!-- " id1  id2 ": the id of every source, each between spaces, leaving
       out ids with white space in them, which no citation can name. -->
  <xsl:variable name="source-ids-rtf">
    <xsl:for-each select="$sources/@id[not(contains(translate(., '&#9;&#10;&#13;', '   '), ' '))]">
      <xsl:value-of select="concat(' ', ., ' ')"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="source-ids" select="string($source-ids-rtf)"/>

  <xsl:variable name="doc" select="/"/>
  <xsl:variable name="alliance" select="(/alliance)"/>
  <xsl:variable name="as-of" select="normalize-space($alliance/@as-of)"/>
  <xsl:variable name="as-of-n" select="number(translate($as-of, '-', ''))"/>
  <xsl:variable name="alliance-name" select="normalize-space($alliance/name)"/>
  <xsl:variable name="launch" select="$alliance/launch"/>
  <xsl:variable name="launch-date" select="normalize-space($launch/@date)"/>
  <xsl:variable name="launch-n" select="number(translate($launch-date, '-', ''))"/>
  <xsl:variable name="as-of-text">
    <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="launch-text">
    <xsl:call-template name="date"><xsl:with-param name="d" select="$launch-date"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="targets" select="(/alliance/targets/target)"/>
  <xsl:variable name="measures" select="(/alliance/measures/measure)"/>
  <xsl:variable name="data-figures" select="(/alliance/figures/figure)"/>
  <xsl:variable name="events" select="(/alliance/events/event)"/>
  <xsl:variable name="calls" select="(/alliance/calls/call)"/>

  <!-- A member's designation note is cited as a reference with this prefix
       and the member's code. -->
  <xsl:variable name="designation-prefix" select="'_designation.'"/>

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- The action statuses in their natural order. -->
  <xsl:variable name="statuses-rtf">
    <s>planned</s><s>ongoing</s><s>done</s>
  </xsl:variable>
  <xsl:variable name="statuses" select="exsl:node-set($statuses-rtf)/s"/>

  <!-- ============================================================ -->
  <!-- Citations                                                      -->
  <!-- ============================================================ -->

  <!-- One <cite/> per distinct source id in $ids (ids separated by white
       space), skipping ids that name no <source> (a valid file has none). -->
  <xsl:template name="cite">
    <xsl:param name="ids"/>
    <xsl:variable name="s" select="normalize-space($ids)"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:for-each select="set:distinct(str:tokenize($s, ' '))">
          <xsl:if test="contains($source-ids, concat(' ', ., ' '))">
            <cite ref="{.}"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$s != '' and contains($source-ids, concat(' ', $s, ' '))">
        <cite ref="{$s}"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Cites the sources named by a set of `source` attributes (or of any
       nodes whose value lists source ids).  Distinct values are taken first,
       so a large set costs one hashing pass; the usual case, one value,
       goes straight to "cite".  A union ($a | $b) of two large sets costs
       O(|a| x |b|) in libxml2 2.9: callers join a large set only with a
       small one. -->
  <xsl:template name="cite-nodes">
    <xsl:param name="nodes" select="/.."/>
    <xsl:variable name="d" select="set:distinct($nodes)"/>
    <xsl:choose>
      <xsl:when test="not($d[2])">
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="string($d)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="ids">
          <xsl:for-each select="$d"><xsl:value-of select="concat(' ', .)"/></xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="string($ids)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The distinct values of $nodes, each preceded by a space: the source
       ids of a large set of `source` attributes, to keep in a variable. -->
  <xsl:template name="ids-of">
    <xsl:param name="nodes"/>
    <xsl:for-each select="set:distinct($nodes)">
      <xsl:value-of select="concat(' ', .)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a reference: "Title. Publisher, author, date." -->
  <xsl:template name="source-text">
    <xsl:variable name="title" select="normalize-space(title)"/>
    <xsl:value-of select="$title"/>
    <xsl:if test="not(contains('.?!', substring($title, string-length($title))))">
      <xsl:text>.</xsl:text>
    </xsl:if>
    <xsl:text> </xsl:text>
    <xsl:value-of select="normalize-space(publisher)"/>
    <xsl:if test="normalize-space(author)">
      <xsl:value-of select="concat(', ', normalize-space(author))"/>
    </xsl:if>
    <xsl:if test="normalize-space(date)">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="date">
        <xsl:with-param name="d" select="normalize-space(date)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- Writes the <source> named $id as a reference or a list item. -->
  <xsl:template name="source-by-id">
    <xsl:param name="id"/>
    <xsl:param name="mode"/>
    <xsl:choose>
      <xsl:when test="$source-key">
        <xsl:for-each select="$doc">
          <xsl:call-template name="source-node">
            <xsl:with-param name="src" select="key('source', $id)[1]"/>
            <xsl:with-param name="mode" select="$mode"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="source-node">
          <xsl:with-param name="src" select="$sources[@id = $id][1]"/>
          <xsl:with-param name="mode" select="$mode"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="source-node">
    <xsl:param name="src"/>
    <xsl:param name="mode"/>
    <xsl:choose>
      <xsl:when test="$mode = 'reference'">
        <xsl:apply-templates select="$src" mode="reference"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$src" mode="source-item"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="source" mode="reference">
    <reference id="{@id}">
      <xsl:if test="normalize-space(url)">
        <xsl:attribute name="url"><xsl:value-of select="normalize-space(url)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="source-text"/>
    </reference>
  </xsl:template>

  <xsl:template match="source" mode="source-item">
    <item>
      <xsl:choose>
        <xsl:when test="normalize-space(url)">
          <link href="{normalize-space(url)}"><xsl:value-of select="normalize-space(title)"/></link>
          <xsl:variable name="title" select="normalize-space(title)"/>
          <xsl:if test="not(contains('.?!', substring($title, string-length($title))))">
            <xsl:text>.</xsl:text>
          </xsl:if>
          <xsl:text> </xsl:text>
          <xsl:value-of select="normalize-space(publisher)"/>
          <xsl:if test="normalize-space(author)">
            <xsl:value-of select="concat(', ', normalize-space(author))"/>
          </xsl:if>
          <xsl:if test="normalize-space(date)">
            <xsl:text>, </xsl:text>
            <xsl:call-template name="date">
              <xsl:with-param name="d" select="normalize-space(date)"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="source-text"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="normalize-space(note)">
        <xsl:text> </xsl:text>
        <em><xsl:value-of select="normalize-space(note)"/></em>
      </xsl:if>
      <cite ref="{@id}"/>
    </item>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- The brief                                                      -->
  <!-- ============================================================ -->

  <!-- Writes the brief: head, the references that $body cites (in order of
       first citation), $body, then the "sources" section. -->
  <xsl:template name="brief">
    <xsl:param name="title"/>
    <xsl:param name="subtitle"/>
    <xsl:param name="body"/>
    <xsl:variable name="b" select="exsl:node-set($body)"/>
    <xsl:variable name="all-refs" select="set:distinct($b//cite/@ref)"/>
    <xsl:variable name="refs" select="$all-refs[not(starts-with(., $designation-prefix))]"/>
    <xsl:variable name="designations" select="$all-refs[starts-with(., $designation-prefix)]"/>
    <brief version="1.0" lang="en-GB">
      <title><xsl:value-of select="normalize-space($title)"/></title>
      <xsl:if test="normalize-space($subtitle)">
        <subtitle><xsl:value-of select="normalize-space($subtitle)"/></subtitle>
      </xsl:if>
      <xsl:if test="$as-of">
        <date><xsl:value-of select="$as-of"/></date>
      </xsl:if>
      <xsl:if test="normalize-space($marking)">
        <marking><xsl:value-of select="normalize-space($marking)"/></marking>
      </xsl:if>
      <xsl:call-template name="wording"/>
      <xsl:if test="$all-refs">
        <references>
          <xsl:for-each select="$all-refs">
            <xsl:variable name="id" select="string(.)"/>
            <xsl:choose>
              <xsl:when test="starts-with($id, $designation-prefix)">
                <xsl:call-template name="designation-reference">
                  <xsl:with-param name="id" select="$id"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="source-by-id">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="mode" select="'reference'"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </references>
      </xsl:if>
      <xsl:copy-of select="$b/node()"/>
      <section id="sources">
        <title>Sources</title>
        <xsl:choose>
          <xsl:when test="$refs">
            <p>
              <xsl:text>The facts in this brief come from the data as of </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
              <xsl:text>, which cites the following sources:</xsl:text>
            </p>
            <list numbered="yes">
              <xsl:for-each select="$refs">
                <xsl:variable name="id" select="string(.)"/>
                <xsl:call-template name="source-by-id">
                  <xsl:with-param name="id" select="$id"/>
                  <xsl:with-param name="mode" select="'source-item'"/>
                </xsl:call-template>
              </xsl:for-each>
            </list>
          </xsl:when>
          <xsl:otherwise>
            <p>This brief cites no source.</p>
          </xsl:otherwise>
        </xsl:choose>
        <p>
          <xsl:text>Compiled</xsl:text>
          <xsl:if test="normalize-space($generator)">
            <xsl:value-of select="concat(' by ', normalize-space($generator))"/>
          </xsl:if>
          <xsl:text> from the data as of </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
          <xsl:text>. Where this brief says that nothing is recorded, it speaks of this dataset only.</xsl:text>
        </p>
      </section>
    </brief>
  </xsl:template>

  <!-- The fixed words the output formats add to every brief: headings,
       labels, the page footer, what screen readers say of charts and
       citations.  Word (or translate) them here; keep each {placeholder}
       (doc/brief-format.md lists them). -->
  <xsl:template name="wording">
    <wording>
      <contents>Contents</contents>
      <notes>Notes</notes>
      <page>Page {page} of {pages}</page>
      <no-data>no data</no-data>
      <chart-data>The chart’s data</chart-data>
      <skip-link>Skip to the brief</skip-link>
      <citation>source {source}</citation>
      <back-to-text>back to the text citing source {source}</back-to-text>
      <back-to-citation>back to citation {citation}</back-to-citation>
      <table-label>Table {table}</table-label>
      <bar-chart>Bar chart</bar-chart>
      <line-chart>Line chart</line-chart>
      <chart-unit>values in {unit}</chart-unit>
      <chart-size>{categories} categories</chart-size>
      <chart-size-series>{categories} categories and {series} series</chart-size-series>
      <chart-range>from {min} to {max}</chart-range>
      <chart-table>The table after the chart lists every value.</chart-table>
      <colophon>Made with {generator}.</colophon>
      <keywords>Global Alliance against child sexual abuse online</keywords>
      <months>January, February, March, April, May, June, July, August, September, October, November, December</months>
      <long-date>{day} {month} {year}</long-date>
    </wording>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Words and numbers                                              -->
  <!-- ============================================================ -->

  <!-- "5 December 2012" from "2012-12-05"; short: "5 Dec 2012". -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:param name="short" select="false()"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="not(string-length($d) = 10 and $m &gt;= 1 and $m &lt;= 12)">
        <xsl:value-of select="$d"/>
      </xsl:when>
      <xsl:when test="$short">
        <xsl:value-of select="concat(number(substring($d, 9, 2)), ' ', substring('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * $m - 2, 3), ' ', substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(number(substring($d, 9, 2)), ' ', normalize-space(substring('January  February March    April    May      June     July     August   SeptemberOctober  November December ', 9 * $m - 8, 9)), ' ', substring($d, 1, 4))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A whole number with thousands separators. -->
  <xsl:template name="n">
    <xsl:param name="n"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
  </xsl:template>

  <!-- "1 member", "2 members". -->
  <xsl:template name="count">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many" select="concat($one, 's')"/>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="concat(format-number($n, '#,##0'), ' ', $one)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat(format-number($n, '#,##0'), ' ', $many)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A decimal value from the data, with thousands separators. -->
  <xsl:template name="value">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="number($v) = number($v)">
        <xsl:value-of select="format-number(number($v), '#,##0.########')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A percentage, whole: 27.55 -> "28%". -->
  <xsl:template name="percent">
    <xsl:param name="part"/>
    <xsl:param name="whole"/>
    <xsl:value-of select="format-number(100 * $part div $whole, '0')"/>
    <xsl:text>%</xsl:text>
  </xsl:template>

  <!-- "Victim identification" from "victim-identification". -->
  <xsl:template name="label">
    <xsl:param name="s"/>
    <xsl:value-of select="concat(translate(substring($s, 1, 1), $lower, $upper), translate(substring($s, 2), '-_', '  '))"/>
  </xsl:template>

  <!-- "victim identification" from "victim-identification". -->
  <xsl:template name="words">
    <xsl:param name="s"/>
    <xsl:value-of select="translate($s, '-_', '  ')"/>
  </xsl:template>

  <!-- "Target 1 (Identify victims)" for the context <target>. -->
  <xsl:template name="target-label">
    <xsl:text>Target </xsl:text>
    <xsl:value-of select="@number"/>
    <xsl:text> (</xsl:text>
    <xsl:value-of select="normalize-space(short)"/>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- "a, b and c" from the string values of $nodes, in their order. -->
  <xsl:template name="and-list">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:text> and </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- "A, B and C", or "A, B, C, D, E and 48 others" beyond $max names
       (the <name>s of members, each with its designation note). -->
  <xsl:template name="names">
    <xsl:param name="nodes"/>
    <xsl:param name="max" select="5"/>
    <xsl:variable name="n" select="count($nodes)"/>
    <xsl:for-each select="$nodes[position() &lt;= $max]">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last() and $n &lt;= $max"> and </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:for-each select="..">
        <xsl:call-template name="designation-cite"/>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:if test="$n &gt; $max">
      <xsl:value-of select="concat(' and ', format-number($n - $max, '#,##0'), ' others')"/>
    </xsl:if>
  </xsl:template>

  <!-- "3 done, 2 ongoing and 1 planned" for a set of actions. -->
  <xsl:template name="status-phrase">
    <xsl:param name="actions" select="/.."/>
    <xsl:param name="done" select="count($actions[@status = 'done'])"/>
    <xsl:param name="ongoing" select="count($actions[@status = 'ongoing'])"/>
    <xsl:param name="planned" select="count($actions[@status = 'planned'])"/>
    <xsl:value-of select="format-number($done, '#,##0')"/>
    <xsl:text> done, </xsl:text>
    <xsl:value-of select="format-number($ongoing, '#,##0')"/>
    <xsl:text> ongoing and </xsl:text>
    <xsl:value-of select="format-number($planned, '#,##0')"/>
    <xsl:text> planned</xsl:text>
  </xsl:template>

  <!-- Is $d a date written YYYY-MM-DD? -->
  <xsl:template name="is-date">
    <xsl:param name="d"/>
    <xsl:if test="string-length($d) = 10 and translate($d, '0123456789', '') = '--'
                  and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'">yes</xsl:if>
  </xsl:template>

  <!-- A measure as a list item, with its citations. -->
  <xsl:template match="measure" mode="item">
    <item>
      <xsl:call-template name="label"><xsl:with-param name="s" select="@kind"/></xsl:call-template>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
    </item>
  </xsl:template>

  <!-- A quotation from the data in quotation marks: “…”. -->
  <xsl:template name="quoted">
    <xsl:param name="s"/>
    <xsl:value-of select="concat('“', normalize-space($s), '”')"/>
  </xsl:template>

  <!-- A target's wording, quoted, and the one source it quotes (the
       target's sources when the data names none). -->
  <xsl:template name="target-wording">
    <xsl:call-template name="quoted"><xsl:with-param name="s" select="wording"/></xsl:call-template>
    <xsl:call-template name="cite">
      <xsl:with-param name="ids">
        <xsl:choose>
          <xsl:when test="normalize-space(wording/@source)"><xsl:value-of select="wording/@source"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The citation of the context <member>'s designation note, if it has
       one. -->
  <xsl:template name="designation-cite">
    <xsl:if test="designation">
      <cite ref="{concat($designation-prefix, normalize-space(@code))}"/>
    </xsl:if>
  </xsl:template>

  <!-- The note on a member's name, as a reference: "Kosovo: This
       designation is … (Source title. Publisher, date.)"  The member is
       found with the key "member-code" when the main stylesheet sets
       $member-key to true() (summary and target), else by scanning. -->
  <xsl:template name="designation-reference">
    <xsl:param name="id"/>
    <xsl:variable name="code" select="substring-after($id, $designation-prefix)"/>
    <xsl:choose>
      <xsl:when test="$member-key">
        <xsl:for-each select="$doc">
          <xsl:for-each select="key('member-code', $code)[1]">
            <xsl:call-template name="designation-note"><xsl:with-param name="id" select="$id"/></xsl:call-template>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$alliance/members/member[normalize-space(@code) = $code][1]">
          <xsl:call-template name="designation-note"><xsl:with-param name="id" select="$id"/></xsl:call-template>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="designation-note">
    <xsl:param name="id"/>
    <reference id="{$id}">
      <xsl:value-of select="concat(normalize-space(name), ': ', normalize-space(designation))"/>
      <xsl:variable name="src" select="normalize-space(designation/@source)"/>
      <xsl:for-each select="$sources[@id = $src]">
        <xsl:text> (</xsl:text>
        <xsl:call-template name="source-text"/>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
    </reference>
  </xsl:template>

  <!-- "Next steps": the steps the sources call for, each cited; nothing
       when the data records none. -->
  <xsl:template name="next-steps">
    <xsl:param name="steps"/>
    <xsl:param name="intro" select="'The sources call for these steps:'"/>
    <xsl:if test="$steps">
      <section id="next-steps">
        <title>Next steps</title>
        <p><xsl:value-of select="$intro"/></p>
        <list numbered="yes">
          <xsl:for-each select="$steps">
            <item>
              <xsl:value-of select="normalize-space(.)"/>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
            </item>
          </xsl:for-each>
        </list>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A target's operational goals as a list. -->
  <xsl:template match="target" mode="goals">
    <xsl:if test="goal">
      <list>
        <xsl:for-each select="goal">
          <item>
            <xsl:call-template name="quoted"><xsl:with-param name="s" select="."/></xsl:call-template>
            <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
          </item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
