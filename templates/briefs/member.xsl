<?xml version="1.0" encoding="UTF-8"?>
<!-- member.xsl: a ministerial brief on one member of the Alliance.

     Parameters (strings):
       code            the member's code, such as FR or FX-00003 (required)
       median-actions  the median number of recorded actions per member
                       across the members with status="member", computed
                       by the program once per batch; empty: no comparison
                       (the program leaves it empty when no member has an
                       action: there is nothing to compare)
       actions-recorded  how many actions the members on the list have in
                       all, counted by the program; "0" makes the brief say
                       that the dataset holds no member's actions
       marking         a protective marking, such as OFFICIAL
       generator       the program's name and version

     Performance: a batch runs this stylesheet once per member over the same
     document, so it must cost O(size of the member), not O(number of
     members).  The only pass over the members is one scan of the children
     of <members> to find the member (no xsl:key is used: the first key()
     call indexes every node of the document).  Nothing here evaluates an
     absolute path inside a loop: shared nodes are bound once in global
     variables (common.xsl). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    xmlns:str="http://exslt.org/strings"
    xmlns:math="http://exslt.org/math"
    exclude-result-prefixes="exsl set str math">

  <xsl:include href="common.xsl"/>

  <!-- Look sources up by scanning the few <source> elements, not with a
       key: key() would index the whole document (see common.xsl). -->
  <xsl:variable name="source-key" select="false()"/>
  <xsl:variable name="member-key" select="false()"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="code" select="''"/>
  <xsl:param name="median-actions" select="''"/>
  <xsl:param name="actions-recorded" select="''"/>

  <!-- The member, found by scanning the children of <members>: this visits
       the member elements only, about ten times cheaper on 10,000 members
       than building a key, which visits every node of the document. -->
  <xsl:variable name="m" select="(/alliance/members/member)[@code = normalize-space($code)][1]"/>
  <xsl:variable name="name" select="normalize-space($m/name)"/>
  <!-- In running text some country names take "the": "the United Kingdom",
       "The Netherlands".  ($name holds no tab: normalize-space.) -->
  <xsl:variable name="needs-the"
      select="not(starts-with($name, 'The ') or starts-with($name, 'the '))
              and (starts-with($name, 'United ') or starts-with($name, 'Republic of ')
                   or starts-with($name, 'Kingdom of ') or starts-with($name, 'Holy See')
                   or starts-with($name, 'Democratic Republic ') or starts-with($name, 'State of ')
                   or contains('&#9;Netherlands&#9;Philippines&#9;Bahamas&#9;Gambia&#9;Maldives&#9;Comoros&#9;Seychelles&#9;Vatican&#9;',
                               concat('&#9;', $name, '&#9;'))
                   or substring($name, string-length($name) - 8) = ' Republic'
                   or substring($name, string-length($name) - 7) = ' Islands'
                   or substring($name, string-length($name) - 8) = ' Emirates'
                   or substring($name, string-length($name) - 10) = ' Federation')"/>
  <xsl:variable name="the-name" select="concat(substring('the ', 1, 4 * $needs-the), $name)"/>
  <xsl:variable name="Name" select="concat(substring('The ', 1, 4 * $needs-the), $name)"/>
  <!-- The note on the name (Kosovo in EU texts), cited after every mention
       of the name in running text. -->
  <xsl:variable name="designation">
    <xsl:for-each select="$m"><xsl:call-template name="designation-cite"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="no-actions-anywhere" select="normalize-space($actions-recorded) = '0'"/>
  <xsl:variable name="acts" select="$m/actions/action"/>
  <xsl:variable name="inds" select="$m/indicators/indicator"/>
  <xsl:variable name="joined" select="$m/joined"/>
  <xsl:variable name="on-list" select="$m/@status = 'member'"/>
  <xsl:variable name="median" select="normalize-space($median-actions)"/>
  <xsl:variable name="has-median" select="$median != '' and number($median) = number($median)"/>
  <!-- The first indicator of each name, in document order. -->
  <xsl:variable name="indicator-names" select="set:distinct($inds/@name)/.."/>
  <!-- Counts and citations used in several sections, computed once. -->
  <xsl:variable name="act-status" select="$acts/@status"/>
  <xsl:variable name="act-target" select="$acts/@target"/>
  <xsl:variable name="targets-without" select="$targets[not(@id = $act-target)]"/>
  <xsl:variable name="n-planned" select="count($act-status[. = 'planned'])"/>
  <xsl:variable name="n-ongoing" select="count($act-status[. = 'ongoing'])"/>
  <xsl:variable name="n-done" select="count($act-status[. = 'done'])"/>
  <xsl:variable name="acts-src" select="set:distinct($acts/@source)"/>
  <xsl:variable name="acts-cite">
    <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$acts-src"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="member-cite">
    <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="joined-cite">
    <xsl:call-template name="cite"><xsl:with-param name="ids" select="$joined/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="inds-src" select="set:distinct($inds/@source)"/>
  <xsl:variable name="inds-cite">
    <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$inds-src"/></xsl:call-template>
  </xsl:variable>
  <!-- "x x x …": str:tokenize of its first 2n characters gives n nodes to
       loop over (the years of a chart), without a recursive template. -->
  <xsl:variable name="x50" select="'x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x '"/>
  <xsl:variable name="x300" select="concat($x50, $x50, $x50, $x50, $x50, $x50)"/>

  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:if test="normalize-space($code) = ''">
      <xsl:message terminate="yes">member.xsl: the parameter code (a member's code) is required.</xsl:message>
    </xsl:if>
    <xsl:if test="not($m)">
      <xsl:message terminate="yes">member.xsl: no member has the code "<xsl:value-of select="$code"/>".</xsl:message>
    </xsl:if>
    <xsl:call-template name="brief">
      <xsl:with-param name="title" select="$name"/>
      <xsl:with-param name="subtitle">
        <xsl:value-of select="$alliance-name"/>
        <xsl:text>: member brief as of </xsl:text>
        <xsl:value-of select="$as-of-text"/>
      </xsl:with-param>
      <xsl:with-param name="body">
        <section id="purpose">
          <title>Purpose</title>
          <p>
            <xsl:text>This brief sets out what the Alliance data records about </xsl:text>
            <xsl:value-of select="$the-name"/><xsl:copy-of select="$designation"/>
            <xsl:text> on </xsl:text>
            <xsl:value-of select="$as-of-text"/>
            <xsl:text>: its membership, its actions against the policy targets of the </xsl:text>
            <xsl:value-of select="$alliance-name"/>
            <xsl:choose>
              <xsl:when test="$has-median">, its yearly indicators and how it compares with the other members</xsl:when>
              <xsl:otherwise> and its yearly indicators</xsl:otherwise>
            </xsl:choose>
            <xsl:text>. Every fact cites its source.</xsl:text>
          </p>
        </section>
        <xsl:call-template name="key-messages"/>
        <xsl:call-template name="membership"/>
        <xsl:call-template name="actions"/>
        <xsl:call-template name="indicators"/>
        <xsl:if test="$has-median">
          <xsl:call-template name="comparison"/>
        </xsl:if>
        <xsl:call-template name="next-steps">
          <xsl:with-param name="steps" select="$calls"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="membership-sentence">
    <xsl:choose>
      <xsl:when test="$m/@status = 'endorsed-at-launch-only'">
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> endorsed the launch declaration at the Alliance's launch in </xsl:text>
        <xsl:value-of select="normalize-space($launch/@place)"/>
        <xsl:text> on </xsl:text>
        <xsl:value-of select="$launch-text"/>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$joined/@source | $launch/@source"/></xsl:call-template>
        <xsl:text> but is not on the later members list of </xsl:text>
        <xsl:value-of select="$as-of-text"/>
        <xsl:copy-of select="$member-cite"/>
        <xsl:text>.</xsl:text>
      </xsl:when>
      <xsl:when test="$m/@founding = 'yes'">
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> is a founding member: it joined the Alliance at its launch in </xsl:text>
        <xsl:value-of select="normalize-space($launch/@place)"/>
        <xsl:text> on </xsl:text>
        <xsl:value-of select="$launch-text"/>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$joined/@source | $launch/@source"/></xsl:call-template>
        <xsl:call-template name="on-list-phrase"/>
      </xsl:when>
      <xsl:when test="$joined/@by">
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> joined the Alliance after its launch on </xsl:text>
        <xsl:value-of select="$launch-text"/>
        <xsl:text>, by </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($joined/@by)"/></xsl:call-template>
        <xsl:text>; the data does not give the exact date</xsl:text>
        <xsl:copy-of select="$joined-cite"/>
        <xsl:text>.</xsl:text>
        <xsl:call-template name="on-list-phrase">
          <xsl:with-param name="start" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> joined the Alliance on </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($joined/@date)"/></xsl:call-template>
        <xsl:text>, after its launch on </xsl:text>
        <xsl:value-of select="$launch-text"/>
        <xsl:copy-of select="$joined-cite"/>
        <xsl:text>,</xsl:text>
        <xsl:call-template name="on-list-phrase"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- " and is on the members list of 30 September 2014[cite]." -->
  <xsl:template name="on-list-phrase">
    <xsl:param name="start" select="false()"/>
    <xsl:choose>
      <xsl:when test="$start and $on-list"> It is on the members list of </xsl:when>
      <xsl:when test="$start"> It is not on the members list of </xsl:when>
      <xsl:when test="$on-list"> and is on the members list of </xsl:when>
      <xsl:otherwise> but is not on the members list of </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$as-of-text"/>
    <xsl:copy-of select="$member-cite"/>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template name="eu-region-sentence">
    <xsl:if test="$m/eu">
      <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
      <xsl:choose>
        <xsl:when test="normalize-space($m/eu/@since)">
          <xsl:text> became an EU member state on </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($m/eu/@since)"/></xsl:call-template>
          <xsl:if test="number(translate($m/eu/@since, '-', '')) &gt; $launch-n">
            <xsl:text>, after the Alliance's launch</xsl:text>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise> is an EU member state</xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/eu/@source"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$m/region and number(translate($m/eu/@since, '-', '')) &gt; $launch-n">
          <xsl:text>, and </xsl:text>
        </xsl:when>
        <xsl:when test="$m/region"><xsl:text> and </xsl:text></xsl:when>
        <xsl:otherwise><xsl:text>.</xsl:text></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$m/region">
      <xsl:choose>
        <xsl:when test="$m/eu">is</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
          <xsl:text> is</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> in the </xsl:text>
      <xsl:call-template name="region-text"/>
      <xsl:text>.</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "Europe & Central Asia region (World Bank classification of July
       2014)[cite]" -->
  <xsl:template name="region-text">
    <xsl:variable name="r" select="normalize-space($m/region)"/>
    <xsl:value-of select="$r"/>
    <xsl:if test="translate(substring($r, string-length($r) - 5), $upper, $lower) != 'region'">
      <xsl:text> region</xsl:text>
    </xsl:if>
    <xsl:if test="normalize-space($m/region/@scheme)">
      <xsl:value-of select="concat(' (', normalize-space($m/region/@scheme), ')')"/>
    </xsl:if>
    <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/region/@source"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="actions-sentence">
    <xsl:choose>
      <xsl:when test="not($acts) and $no-actions-anywhere">This dataset records no action for any member, so this brief neither lists actions nor compares members.</xsl:when>
      <xsl:when test="not($acts)">No actions are recorded for this member in this dataset.</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> has recorded </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($acts)"/>
          <xsl:with-param name="one" select="'action'"/>
        </xsl:call-template>
        <xsl:text> against </xsl:text>
        <xsl:value-of select="count($targets) - count($targets-without)"/>
        <xsl:text> of the </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($targets)"/>
          <xsl:with-param name="one" select="'policy target'"/>
        </xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="status-phrase">
          <xsl:with-param name="done" select="$n-done"/>
          <xsl:with-param name="ongoing" select="$n-ongoing"/>
          <xsl:with-param name="planned" select="$n-planned"/>
        </xsl:call-template>
        <xsl:copy-of select="$acts-cite"/>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="indicators-sentence">
    <xsl:choose>
      <xsl:when test="not($inds)">No indicators are recorded for this member in this dataset.</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> reports </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($indicator-names)"/>
          <xsl:with-param name="one" select="'yearly indicator'"/>
        </xsl:call-template>
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$indicator-names">
          <xsl:if test="position() &gt; 1">
            <xsl:choose>
              <xsl:when test="position() = last()"> and </xsl:when>
              <xsl:otherwise>, </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:value-of select="translate(@name, '-_', '  ')"/>
        </xsl:for-each>
        <xsl:text>) for </xsl:text>
        <xsl:call-template name="year-span"><xsl:with-param name="nodes" select="$inds"/></xsl:call-template>
        <xsl:copy-of select="$inds-cite"/>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2013 to 2016" or "2013" for a set of nodes with @year (not empty):
       the first and last in numeric order, NaN first. -->
  <xsl:template name="year-span">
    <xsl:param name="nodes"/>
    <xsl:variable name="first" select="string(math:min($nodes/@year))"/>
    <xsl:variable name="last" select="string(math:max($nodes/@year))"/>
    <xsl:value-of select="$first"/>
    <xsl:if test="$last != $first">
      <xsl:value-of select="concat(' to ', $last)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="median-sentence">
    <xsl:variable name="n" select="count($acts)"/>
    <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
    <xsl:text> has recorded </xsl:text>
    <xsl:call-template name="count">
      <xsl:with-param name="n" select="$n"/>
      <xsl:with-param name="one" select="'action'"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$n &gt; number($median)">, more than the median of </xsl:when>
      <xsl:when test="$n &lt; number($median)">, fewer than the median of </xsl:when>
      <xsl:otherwise>, the same as the median of </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="value"><xsl:with-param name="v" select="$median"/></xsl:call-template>
    <xsl:text> per member across the members on the list of </xsl:text>
    <xsl:value-of select="$as-of-text"/>
    <xsl:copy-of select="$acts-cite"/>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <xsl:template name="key-messages">
    <section id="key-messages">
      <title>Key messages</title>
      <list>
        <item><xsl:call-template name="membership-sentence"/></item>
        <xsl:if test="$m/eu or $m/region">
          <item><xsl:call-template name="eu-region-sentence"/></item>
        </xsl:if>
        <item><xsl:call-template name="actions-sentence"/></item>
        <xsl:if test="$has-median">
          <item><xsl:call-template name="median-sentence"/></item>
        </xsl:if>
        <item><xsl:call-template name="indicators-sentence"/></item>
      </list>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="membership">
    <section id="membership">
      <title>Membership</title>
      <table caption="Membership facts">
        <columns>
          <column align="left"/>
          <column align="left"/>
        </columns>
        <head>
          <row><cell>Item</cell><cell>Detail</cell></row>
        </head>
        <body>
          <row>
            <cell>Name</cell>
            <cell>
              <xsl:value-of select="$name"/><xsl:copy-of select="$designation"/>
              <xsl:copy-of select="$member-cite"/>
            </cell>
          </row>
          <row>
            <cell>Code</cell>
            <cell><xsl:value-of select="normalize-space($m/@code)"/></cell>
          </row>
          <row>
            <cell>Status</cell>
            <cell>
              <xsl:choose>
                <xsl:when test="$on-list">
                  <xsl:text>Member: on the members list of </xsl:text>
                  <xsl:value-of select="$as-of-text"/>
                </xsl:when>
                <xsl:when test="$m/@status = 'endorsed-at-launch-only'">
                  <xsl:text>Endorsed the launch declaration but is not on the later members list (of </xsl:text>
                  <xsl:value-of select="$as-of-text"/>
                  <xsl:text>)</xsl:text>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:text>Not on the members list of </xsl:text>
                  <xsl:value-of select="$as-of-text"/>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:copy-of select="$member-cite"/>
            </cell>
          </row>
          <row>
            <cell>Joined</cell>
            <cell>
              <xsl:choose>
                <xsl:when test="$m/@status = 'endorsed-at-launch-only'">
                  <xsl:text>Endorsed the launch declaration at the launch in </xsl:text>
                  <xsl:value-of select="normalize-space($launch/@place)"/>
                  <xsl:text> on </xsl:text>
                  <xsl:value-of select="$launch-text"/>
                </xsl:when>
                <xsl:when test="$m/@founding = 'yes'">
                  <xsl:text>Founding member: at the launch in </xsl:text>
                  <xsl:value-of select="normalize-space($launch/@place)"/>
                  <xsl:text> on </xsl:text>
                  <xsl:value-of select="$launch-text"/>
                </xsl:when>
                <xsl:when test="$joined/@by">
                  <xsl:text>After the launch, by </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($joined/@by)"/></xsl:call-template>
                  <xsl:text> (the exact date is not recorded)</xsl:text>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:text>On </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($joined/@date)"/></xsl:call-template>
                  <xsl:text>, after the launch</xsl:text>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:copy-of select="$joined-cite"/>
            </cell>
          </row>
          <row>
            <cell>European Union</cell>
            <cell>
              <xsl:choose>
                <xsl:when test="$m/eu/@since">
                  <xsl:text>EU member state since </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($m/eu/@since)"/></xsl:call-template>
                  <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/eu/@source"/></xsl:call-template>
                </xsl:when>
                <xsl:when test="$m/eu">
                  <xsl:text>EU member state</xsl:text>
                  <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/eu/@source"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>Not an EU member state</xsl:otherwise>
              </xsl:choose>
            </cell>
          </row>
          <row>
            <cell>Region</cell>
            <cell>
              <xsl:choose>
                <xsl:when test="$m/region">
                  <xsl:value-of select="normalize-space($m/region)"/>
                  <xsl:if test="normalize-space($m/region/@scheme)">
                    <xsl:value-of select="concat(' (', normalize-space($m/region/@scheme), ')')"/>
                  </xsl:if>
                  <xsl:call-template name="cite"><xsl:with-param name="ids" select="$m/region/@source"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>None recorded in this dataset</xsl:otherwise>
              </xsl:choose>
            </cell>
          </row>
        </body>
      </table>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="actions">
    <section id="actions">
      <title>Actions by target</title>
      <xsl:choose>
        <xsl:when test="not($acts)">
          <p><xsl:call-template name="actions-sentence"/></p>
          <xsl:if test="$measures">
            <p>
              <xsl:text>The sources report </xsl:text>
              <xsl:call-template name="count">
                <xsl:with-param name="n" select="count($measures)"/>
                <xsl:with-param name="one" select="'measure'"/>
              </xsl:call-template>
              <xsl:text> taken across the Alliance without naming the members that took them</xsl:text>
              <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$measures/@source"/></xsl:call-template>
              <xsl:text>, so none of them can be attributed to </xsl:text>
              <xsl:value-of select="$the-name"/><xsl:copy-of select="$designation"/>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:call-template name="actions-sentence"/></p>
          <table>
            <xsl:attribute name="caption">
              <xsl:value-of select="concat('Actions recorded by ', $name, ', by target and status')"/>
            </xsl:attribute>
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
            </columns>
            <head>
              <row><cell>Target</cell><cell>Planned</cell><cell>Ongoing</cell><cell>Done</cell><cell>Total</cell></row>
            </head>
            <body>
              <xsl:for-each select="$targets">
                <xsl:sort select="@number" data-type="number"/>
                <xsl:variable name="ta" select="$act-target[. = current()/@id]"/>
                <xsl:variable name="st" select="$ta/../@status"/>
                <row>
                  <cell>
                    <xsl:call-template name="target-label"/>
                    <xsl:choose>
                      <xsl:when test="not($acts-src[2])">
                        <xsl:if test="$ta"><xsl:copy-of select="$acts-cite"/></xsl:if>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$ta/../@source"/></xsl:call-template>
                      </xsl:otherwise>
                    </xsl:choose>
                  </cell>
                  <cell><xsl:value-of select="count($st[. = 'planned'])"/></cell>
                  <cell><xsl:value-of select="count($st[. = 'ongoing'])"/></cell>
                  <cell><xsl:value-of select="count($st[. = 'done'])"/></cell>
                  <cell><xsl:value-of select="count($ta)"/></cell>
                </row>
              </xsl:for-each>
              <row>
                <cell><strong>All targets</strong></cell>
                <cell><strong><xsl:value-of select="$n-planned"/></strong></cell>
                <cell><strong><xsl:value-of select="$n-ongoing"/></strong></cell>
                <cell><strong><xsl:value-of select="$n-done"/></strong></cell>
                <cell><strong><xsl:value-of select="count($acts)"/></strong></cell>
              </row>
            </body>
          </table>
          <table>
            <xsl:attribute name="caption">
              <xsl:value-of select="concat('Actions recorded by ', $name)"/>
            </xsl:attribute>
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="left"/>
              <column align="left"/>
              <column align="left"/>
            </columns>
            <head>
              <row><cell>Target</cell><cell>Year</cell><cell>Kind</cell><cell>Status</cell><cell>Title</cell></row>
            </head>
            <body>
              <xsl:for-each select="$acts">
                <xsl:sort select="$targets[@id = current()/@target]/@number" data-type="number"/>
                <xsl:sort select="@year" data-type="number"/>
                <xsl:variable name="t" select="$targets[@id = current()/@target]"/>
                <row>
                  <cell>
                    <xsl:choose>
                      <xsl:when test="$t">
                        <xsl:value-of select="concat('Target ', $t/@number, ' (', normalize-space($t/short), ')')"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="@target"/></xsl:otherwise>
                    </xsl:choose>
                  </cell>
                  <xsl:call-template name="action-cells"/>
                </row>
              </xsl:for-each>
            </body>
          </table>
          <xsl:if test="$targets-without">
            <p>
              <xsl:text>No action is recorded for </xsl:text>
              <xsl:call-template name="targets-or">
                <xsl:with-param name="nodes" select="$targets-without"/>
              </xsl:call-template>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The cells after the first of the context action's row: year, kind,
       status (as the template "label" writes them) and title. -->
  <xsl:template name="action-cells">
    <cell><xsl:value-of select="@year"/></cell>
    <cell><xsl:value-of select="concat(translate(substring(@kind, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), translate(substring(@kind, 2), '-_', '  '))"/></cell>
    <cell><xsl:value-of select="concat(translate(substring(@status, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), translate(substring(@status, 2), '-_', '  '))"/></cell>
    <cell>
      <xsl:value-of select="normalize-space(title)"/>
      <xsl:choose>
        <xsl:when test="not($acts-src[2])"><xsl:copy-of select="$acts-cite"/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </cell>
  </xsl:template>

  <!-- "Target 2 (…) or Target 4 (…)" -->
  <xsl:template name="targets-or">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:sort select="@number" data-type="number"/>
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> or </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="target-label"/>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="indicators">
    <section id="indicators">
      <title>Indicators</title>
      <xsl:choose>
        <xsl:when test="not($inds)">
          <p>No indicators are recorded for this member in this dataset.</p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:call-template name="indicators-sentence"/></p>
          <figures>
            <xsl:for-each select="$indicator-names">
              <xsl:variable name="set" select="$inds[@name = current()/@name]"/>
              <!-- The latest value: the first in descending order of year
                   (ties in document order); math:max when no year is NaN. -->
              <xsl:variable name="ymax" select="math:max($set/@year)"/>
              <xsl:choose>
                <xsl:when test="$ymax = $ymax">
                  <xsl:for-each select="$set[@year = $ymax][1]">
                    <xsl:call-template name="indicator-figure"><xsl:with-param name="set" select="$set"/></xsl:call-template>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:for-each select="$set">
                    <xsl:sort select="@year" data-type="number" order="descending"/>
                    <xsl:if test="position() = 1">
                      <xsl:call-template name="indicator-figure"><xsl:with-param name="set" select="$set"/></xsl:call-template>
                    </xsl:if>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </figures>
          <xsl:for-each select="$indicator-names">
            <xsl:call-template name="indicator-chart">
              <xsl:with-param name="set" select="$inds[@name = current()/@name]"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The <figure> of the context indicator, the latest of $set. -->
  <xsl:template name="indicator-figure">
    <xsl:param name="set"/>
    <xsl:variable name="prev" select="$set[@year = current()/@year - 1]"/>
    <figure>
      <xsl:attribute name="label">
        <xsl:call-template name="label"><xsl:with-param name="s" select="@name"/></xsl:call-template>
        <xsl:value-of select="concat(', ', @year)"/>
      </xsl:attribute>
      <xsl:attribute name="value">
        <xsl:call-template name="value"><xsl:with-param name="v" select="@value"/></xsl:call-template>
        <xsl:if test="normalize-space(@unit)">
          <xsl:value-of select="concat(' ', normalize-space(@unit))"/>
        </xsl:if>
      </xsl:attribute>
      <xsl:if test="$prev and number($prev/@value) = number($prev/@value)">
        <xsl:variable name="d" select="number(@value) - number($prev/@value)"/>
        <xsl:attribute name="change">
          <xsl:choose>
            <xsl:when test="$d &gt; 0">+</xsl:when>
            <xsl:when test="$d = 0">no change </xsl:when>
          </xsl:choose>
          <xsl:if test="$d != 0">
            <xsl:value-of select="format-number($d, '#,##0.########')"/>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:value-of select="concat('on ', $prev/@year)"/>
        </xsl:attribute>
      </xsl:if>
    </figure>
  </xsl:template>

  <!-- One line chart for the values of one indicator, a category for every
       year from the first to the last (a missing year is an empty value). -->
  <xsl:template name="indicator-chart">
    <xsl:param name="set"/>
    <!-- The first and last years in numeric order (NaN first), and a node
         for each year between, if fewer than 300. -->
    <xsl:variable name="first" select="math:min($set/@year)"/>
    <xsl:variable name="last" select="math:max($set/@year)"/>
    <xsl:variable name="years" select="str:tokenize(substring($x300, 1, 2 * ($last - $first + 1) * number($last - $first &lt; 300)))"/>
    <xsl:variable name="label">
      <xsl:call-template name="label"><xsl:with-param name="s" select="@name"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="unit" select="normalize-space($set[1]/@unit)"/>
    <chart kind="line">
      <xsl:attribute name="title">
        <xsl:value-of select="concat($label, ', ', $name)"/>
      </xsl:attribute>
      <xsl:if test="$unit">
        <xsl:attribute name="unit"><xsl:value-of select="$unit"/></xsl:attribute>
      </xsl:if>
      <xsl:for-each select="$years">
        <category><xsl:value-of select="$first + position() - 1"/></category>
      </xsl:for-each>
      <series name="{$name}">
        <xsl:for-each select="$years">
          <xsl:variable name="y" select="$first + position() - 1"/>
          <value><xsl:value-of select="$set[@year = $y][1]/@value"/></value>
        </xsl:for-each>
      </series>
    </chart>
    <p>
      <xsl:value-of select="$label"/>
      <xsl:if test="$unit">
        <xsl:value-of select="concat(' (', $unit, ')')"/>
      </xsl:if>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="$set">
        <xsl:sort select="@year" data-type="number"/>
        <xsl:if test="position() &gt; 1">
          <xsl:choose>
            <xsl:when test="position() = last()"> and </xsl:when>
            <xsl:otherwise>, </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="number(@value) = number(@value)">
            <xsl:value-of select="format-number(number(@value), '#,##0.########')"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="normalize-space(@unit) != $unit">
          <xsl:value-of select="concat(' ', normalize-space(@unit))"/>
        </xsl:if>
        <xsl:value-of select="concat(' in ', @year)"/>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="not($inds-src[2])"><xsl:copy-of select="$inds-cite"/></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$set/@source"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="comparison">
    <section id="comparison">
      <title>How it compares with the Alliance</title>
      <p>
        <xsl:value-of select="$Name"/><xsl:copy-of select="$designation"/>
        <xsl:text> has recorded </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($acts)"/>
          <xsl:with-param name="one" select="'action'"/>
        </xsl:call-template>
        <xsl:copy-of select="$acts-cite"/>
        <xsl:text>. The median number of recorded actions per member, across the members on the list of </xsl:text>
        <xsl:value-of select="$as-of-text"/>
        <xsl:text>, is </xsl:text>
        <xsl:call-template name="value"><xsl:with-param name="v" select="$median"/></xsl:call-template>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="$the-name"/><xsl:copy-of select="$designation"/>
        <xsl:choose>
          <xsl:when test="count($acts) &gt; number($median)"> has recorded more actions than the median member.</xsl:when>
          <xsl:when test="count($acts) &lt; number($median)"> has recorded fewer actions than the median member.</xsl:when>
          <xsl:otherwise> has recorded as many actions as the median member.</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="number($median) = 0 and not($acts)">
          <xsl:text> At least half of the members on the list have recorded no action.</xsl:text>
        </xsl:if>
      </p>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

</xsl:stylesheet>
