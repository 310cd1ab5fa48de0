<?xml version="1.0" encoding="UTF-8"?>
<!-- summary.xsl: a ministerial brief on the whole Alliance.

     Parameters (strings, all optional):
       since       a date YYYY-MM-DD: report the members who joined since then
       marking     a protective marking, such as OFFICIAL
       generator   the program's name and version

     Runs once per batch; every pass over the members is linear (keys and
     set:distinct, no grouping by preceding-sibling). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    xmlns:str="http://exslt.org/strings"
    xmlns:math="http://exslt.org/math"
    exclude-result-prefixes="exsl set str math">

  <xsl:include href="common.xsl"/>

  <!-- Look sources up with a key only when there are many (common.xsl). -->
  <xsl:variable name="source-key" select="count($sources) &gt; 50"/>
  <xsl:variable name="member-key" select="true()"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="since" select="''"/>

  <!-- No key() groups the actions or indicators: libxslt's key tables add
       each node with a scan of its group, so such a key is quadratic in the
       size of its groups.  Counts are computed once into
       small node-sets ($tc, $rc, $dates) that the sections read; a test on
       an attribute node ($set/@a[. = 'x']) is used where the elements are
       not needed, as it costs about half a test on the element. -->

  <xsl:variable name="members" select="(/alliance/members/member)"/>
  <xsl:variable name="current" select="$members[@status = 'member']"/>
  <xsl:variable name="founding" select="$members[@founding = 'yes']"/>
  <xsl:variable name="later" select="$members[@founding = 'no']"/>
  <xsl:variable name="endorsed-only" select="$members[@status = 'endorsed-at-launch-only']"/>
  <xsl:variable name="actions" select="$members/actions/action"/>
  <xsl:variable name="indicators" select="$members/indicators/indicator"/>
  <xsl:variable name="n-current" select="count($current)"/>
  <xsl:variable name="n-founding" select="count($founding)"/>
  <xsl:variable name="n-actions" select="count($actions)"/>
  <xsl:variable name="current-with-actions" select="$current[actions/action]"/>
  <xsl:variable name="by-members" select="$current[joined/@by]"/>
  <xsl:variable name="later-by" select="$later[joined/@by]"/>
  <xsl:variable name="later-dated" select="boolean($later[joined/@date][1])"/>
  <xsl:variable name="eu-members" select="$current[eu]"/>
  <!-- One <region> per distinct name (set:distinct hashes; grouping with
       key()[1] would copy a whole group for every member). -->
  <xsl:variable name="current-regions" select="$current/region"/>
  <xsl:variable name="regions" select="set:distinct($current-regions)"/>
  <xsl:variable name="no-region" select="$current[not(region)]"/>
  <xsl:variable name="schemes" select="set:distinct($current-regions/@scheme)"/>

  <!-- Coverage: the number of countries not yet members on the as-of date. -->
  <xsl:variable name="nonmember-fig" select="$data-figures[@kind = 'non-member-countries'][normalize-space(@date) = $as-of][1]"/>

  <!-- The since parameter. -->
  <xsl:variable name="since-d" select="normalize-space($since)"/>
  <xsl:variable name="since-ok">
    <xsl:call-template name="is-date"><xsl:with-param name="d" select="$since-d"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="since-n" select="number(translate($since-d, '-', ''))"/>
  <!-- The members on the list when $since is given, else none: set:leading
       returns its first set whole when the second is empty, and nothing when
       the second is the first set's first node (a predicate such as
       [$since-d != ''] would be tested on every member). -->
  <xsl:variable name="since-pool" select="set:leading($current, $current[1][$since-d = ''])"/>
  <!-- Members on the list who surely joined on or after $since. -->
  <xsl:variable name="since-sure"
      select="$since-pool[number(translate(joined/@date, '-', '')) &gt;= $since-n
                          or (joined/@by and $since-n &lt;= $launch-n)]"/>
  <!-- Members known only to have joined after the launch and by a date on
       or after $since: they may or may not have joined since then. -->
  <xsl:variable name="since-maybe"
      select="set:leading($since-pool, $since-pool[1][not($since-n &gt; $launch-n)])
                [joined/@by][number(translate(joined/@by, '-', '')) &gt;= $since-n]"/>

  <!-- Status counts of all recorded actions: the sums of the counts per
       target when every action has one target ($tc), else counted. -->
  <xsl:variable name="tc-whole"
      select="sum($tc/@n) = $n-actions and count(set:distinct($targets/@id)) = count($targets)"/>
  <xsl:variable name="n-planned-rtf">
    <xsl:choose>
      <xsl:when test="$tc-whole"><xsl:value-of select="sum($tc/@planned)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($actions/@status[. = 'planned'])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="n-ongoing-rtf">
    <xsl:choose>
      <xsl:when test="$tc-whole"><xsl:value-of select="sum($tc/@ongoing)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count($actions/@status[. = 'ongoing'])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="n-planned" select="number($n-planned-rtf)"/>
  <xsl:variable name="n-ongoing" select="number($n-ongoing-rtf)"/>
  <xsl:variable name="n-done" select="$n-actions - $n-planned - $n-ongoing"/>

  <!-- The distinct source ids of large sets, computed once. -->
  <xsl:variable name="src-current">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$current/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-members">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$members/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-joined">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$members/joined/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-regions">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$current-regions/@source"/></xsl:call-template>
  </xsl:variable>
  <!-- When each target's actions cite one and the same set of sources, so
       do all the actions. -->
  <xsl:variable name="src-actions">
    <xsl:choose>
      <xsl:when test="$tc-whole and not($tc[@n &gt; 0][@ns != 1]) and count(set:distinct($tc[@n &gt; 0]/@src)) = 1">
        <xsl:value-of select="$tc[@n &gt; 0][1]/@src"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$actions/@source"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The launch, then the founding members' joining (msg-membership,
       background); the later members' joining; EU membership. -->
  <xsl:variable name="src-launch-founding">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$founding/joined/@source | $launch/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-later-joined">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$later/joined/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-eu">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$eu-members/eu/@source"/></xsl:call-template>
  </xsl:variable>

  <!-- Per target: <t id number label n planned ongoing done members src/>,
       in the order of the target numbers. -->
  <xsl:variable name="tc-rtf">
    <xsl:for-each select="$targets">
      <xsl:sort select="@number" data-type="number"/>
      <xsl:variable name="id" select="string(@id)"/>
      <xsl:variable name="a" select="$actions[@target = $id]"/>
      <xsl:variable name="st" select="$a/@status"/>
      <xsl:variable name="n" select="count($a)"/>
      <xsl:variable name="planned" select="count($st[. = 'planned'])"/>
      <xsl:variable name="ongoing" select="count($st[. = 'ongoing'])"/>
      <!-- The status is one of three (validated data): done is the rest. -->
      <t id="{$id}" number="{@number}" n="{$n}" planned="{$planned}"
         ongoing="{$ongoing}" done="{$n - $planned - $ongoing}"
         measures="{count($measures[@target = $id])}">
        <xsl:attribute name="members">
          <xsl:choose>
            <xsl:when test="$n &gt; 0"><xsl:value-of select="count($members[actions/action/@target = $id])"/></xsl:when>
            <xsl:otherwise>0</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:attribute name="label"><xsl:call-template name="target-label"/></xsl:attribute>
        <xsl:variable name="src" select="set:distinct($a/@source)"/>
        <xsl:attribute name="ns"><xsl:value-of select="count($src)"/></xsl:attribute>
        <xsl:attribute name="src">
          <xsl:for-each select="$src"><xsl:value-of select="concat(' ', .)"/></xsl:for-each>
        </xsl:attribute>
      </t>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="tc" select="exsl:node-set($tc-rtf)/t"/>

  <!-- Per region of the members on the list: <r name n src/>, the largest
       first. -->
  <xsl:variable name="rc-unsorted-rtf">
    <xsl:for-each select="$regions">
      <xsl:variable name="r" select="string(.)"/>
      <xsl:variable name="g" select="$current-regions[. = $r]"/>
      <r name="{normalize-space($r)}" n="{count($g)}">
        <xsl:attribute name="src">
          <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$g/@source"/></xsl:call-template>
        </xsl:attribute>
      </r>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="rc-rtf">
    <xsl:for-each select="exsl:node-set($rc-unsorted-rtf)/r">
      <xsl:sort select="@n" data-type="number" order="descending"/>
      <xsl:sort select="@name"/>
      <xsl:copy-of select="."/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="rc" select="exsl:node-set($rc-rtf)/r"/>

  <!-- The join date (or "by" date) of each member on the list, as a number
       20121205 (a date with white space around it counts the same). -->
  <xsl:variable name="jn-rtf">
    <xsl:for-each select="$current/joined">
      <j n="{translate(concat(@date, @by), '-', '')}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="jn" select="exsl:node-set($jn-rtf)/j/@n"/>

  <!-- The distinct join dates (exact or "by").  When there are few, in
       order: <d v n by?/>, by="yes" when no member joined on that exact
       date. -->
  <xsl:variable name="exact" select="set:distinct($members/joined/@date)"/>
  <xsl:variable name="by-dates" select="set:distinct($members/joined/@by)"/>
  <xsl:variable name="few-dates"
      select="count($exact) &lt;= 24 and count($by-dates) &lt;= 24
              and count(set:distinct($exact | $by-dates)) &lt;= 24"/>
  <xsl:variable name="dates-rtf">
    <xsl:if test="$few-dates">
      <xsl:for-each select="set:distinct($exact | $by-dates)">
        <xsl:sort select="normalize-space(.)"/>
        <xsl:variable name="v" select="normalize-space(.)"/>
        <d v="{$v}" n="{translate($v, '-', '')}">
          <xsl:if test="not($exact[normalize-space(.) = $v])"><xsl:attribute name="by">yes</xsl:attribute></xsl:if>
        </d>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="dates" select="exsl:node-set($dates-rtf)/d"/>

  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:if test="$since-d != '' and $since-ok != 'yes'">
      <xsl:message terminate="yes">summary.xsl: the parameter since must be a date written YYYY-MM-DD, not "<xsl:value-of select="$since"/>".</xsl:message>
    </xsl:if>
    <xsl:if test="not($alliance)">
      <xsl:message terminate="yes">summary.xsl: the input is not Alliance data (its root is not &lt;alliance&gt;).</xsl:message>
    </xsl:if>
    <xsl:call-template name="brief">
      <xsl:with-param name="title" select="$alliance-name"/>
      <xsl:with-param name="subtitle">
        <xsl:text>Brief on the Alliance as of </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="body">
        <xsl:call-template name="purpose"/>
        <xsl:call-template name="key-messages"/>
        <xsl:call-template name="background"/>
        <xsl:call-template name="key-figures"/>
        <xsl:call-template name="growth"/>
        <xsl:call-template name="regions"/>
        <xsl:call-template name="progress"/>
        <xsl:call-template name="next-steps">
          <xsl:with-param name="steps" select="$calls"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="purpose">
    <section id="purpose">
      <title>Purpose</title>
      <p>
        <xsl:text>This brief sets out the state of the </xsl:text>
        <xsl:value-of select="$alliance-name"/>
        <xsl:text> on </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
        <xsl:text>: its membership, its policy targets and the progress recorded against them. Every fact is taken from the Alliance data and cites its source.</xsl:text>
      </p>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="key-messages">
    <section id="key-messages">
      <title>Key messages</title>
      <list>
        <xsl:call-template name="msg-membership"/>
        <xsl:if test="$since-d != ''">
          <xsl:call-template name="msg-since"/>
        </xsl:if>
        <xsl:if test="$nonmember-fig">
          <xsl:call-template name="msg-coverage"/>
        </xsl:if>
        <xsl:if test="$regions">
          <xsl:call-template name="msg-regions"/>
        </xsl:if>
        <xsl:call-template name="msg-progress"/>
        <!-- At least 3 messages: add the targets when the data gives few. -->
        <xsl:if test="2 + number($since-d != '') + number(boolean($nonmember-fig))
                      + number(boolean($regions)) &lt; 3">
          <item>
            <xsl:text>Its members share </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($targets)"/>
              <xsl:with-param name="one" select="'policy target'"/>
            </xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:for-each select="$targets">
              <xsl:sort select="@number" data-type="number"/>
              <xsl:if test="position() &gt; 1">
                <xsl:choose>
                  <xsl:when test="position() = last()"> and </xsl:when>
                  <xsl:otherwise>, </xsl:otherwise>
                </xsl:choose>
              </xsl:if>
              <xsl:value-of select="normalize-space(short)"/>
            </xsl:for-each>
            <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$targets/@source"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </item>
        </xsl:if>
      </list>
    </section>
  </xsl:template>

  <xsl:template name="msg-membership">
    <item>
      <xsl:text>The Alliance had </xsl:text>
      <xsl:call-template name="count">
        <xsl:with-param name="n" select="$n-current"/>
        <xsl:with-param name="one" select="'member'"/>
      </xsl:call-template>
      <xsl:text> on </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
      <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-current"/></xsl:call-template>
      <xsl:if test="$n-founding &gt; 0">
        <xsl:choose>
          <xsl:when test="$n-current &gt; $n-founding">, up from </xsl:when>
          <xsl:when test="$n-current &lt; $n-founding">, down from </xsl:when>
          <xsl:otherwise>, as many as the </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$n-founding"/></xsl:call-template>
        <xsl:text> that joined at its launch in </xsl:text>
        <xsl:value-of select="normalize-space($launch/@place)"/>
        <xsl:text> on </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$launch-date"/></xsl:call-template>
        <xsl:if test="$n-current != $n-founding">
          <xsl:text> (a net </xsl:text>
          <xsl:choose>
            <xsl:when test="$n-current &gt; $n-founding">increase</xsl:when>
            <xsl:otherwise>decrease</xsl:otherwise>
          </xsl:choose>
          <xsl:text> of </xsl:text>
          <xsl:call-template name="n">
            <xsl:with-param name="n" select="($n-current - $n-founding) * (1 - 2 * ($n-current &lt; $n-founding))"/>
          </xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-launch-founding"/></xsl:call-template>
      </xsl:if>
      <xsl:text>.</xsl:text>
      <xsl:if test="$later">
        <xsl:text> Between the launch and </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($later)"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:text> joined</xsl:text>
        <xsl:if test="$later-by">
          <xsl:choose>
            <xsl:when test="not($later-dated) and count($later) = 1">
              <xsl:text>; the data gives only the date by which it had joined</xsl:text>
            </xsl:when>
            <xsl:when test="not($later-dated)">
              <xsl:text>; the data gives only the date by which they had joined</xsl:text>
            </xsl:when>
            <xsl:when test="count($later-by) = 1">
              <xsl:text>; for 1 of them the data gives only the date by which it had joined</xsl:text>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>; for </xsl:text>
              <xsl:value-of select="format-number(count($later-by), '#,##0')"/>
              <xsl:text> of them the data gives only the date by which they had joined</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-later-joined"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:if>
      <xsl:if test="$endorsed-only">
        <xsl:text> </xsl:text>
        <xsl:call-template name="endorsed-only-sentence"/>
      </xsl:if>
    </item>
  </xsl:template>

  <!-- "Vietnam endorsed the launch declaration but is not on the later
       members list." -->
  <xsl:template name="endorsed-only-sentence">
    <xsl:choose>
      <xsl:when test="count($endorsed-only) &lt;= 5">
        <xsl:call-template name="names"><xsl:with-param name="nodes" select="$endorsed-only/name"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="count($endorsed-only)"/>
        <xsl:text> founding members</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text> endorsed the launch declaration but </xsl:text>
    <xsl:choose>
      <xsl:when test="count($endorsed-only) = 1">is</xsl:when>
      <xsl:otherwise>are</xsl:otherwise>
    </xsl:choose>
    <xsl:text> not on the members list of </xsl:text>
    <xsl:value-of select="$as-of-text"/>
    <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$endorsed-only/@source"/></xsl:call-template>
    <xsl:text>.</xsl:text>
    <xsl:if test="$later and $n-founding - count($endorsed-only) + count($later[@status = 'member']) = $n-current">
      <xsl:text> So the </xsl:text>
      <xsl:call-template name="n"><xsl:with-param name="n" select="$n-founding"/></xsl:call-template>
      <xsl:text> at the launch, less </xsl:text>
      <xsl:call-template name="n"><xsl:with-param name="n" select="count($endorsed-only)"/></xsl:call-template>
      <xsl:text>, plus the </xsl:text>
      <xsl:call-template name="n"><xsl:with-param name="n" select="count($later)"/></xsl:call-template>
      <xsl:text> that joined later, make </xsl:text>
      <xsl:call-template name="n"><xsl:with-param name="n" select="$n-current"/></xsl:call-template>
      <xsl:text>.</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="since-date">
    <xsl:call-template name="date"><xsl:with-param name="d" select="$since-d"/></xsl:call-template>
  </xsl:template>

  <!-- "by 30 September 2014" or "by dates up to 30 September 2014". -->
  <xsl:template name="by-phrase">
    <xsl:param name="nodes"/>
    <xsl:variable name="bys" select="set:distinct($nodes/joined/@by)"/>
    <xsl:variable name="last">
      <xsl:for-each select="$bys">
        <xsl:sort select="normalize-space(.)" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="normalize-space(.)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="count($bys) = 1">by </xsl:when>
      <xsl:otherwise>by dates up to </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="date"><xsl:with-param name="d" select="string($last)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="msg-since">
    <item>
      <xsl:choose>
        <xsl:when test="$since-sure">
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($since-sure)"/>
            <xsl:with-param name="one" select="'member'"/>
          </xsl:call-template>
          <xsl:text> on the list of </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
          <xsl:text> joined the Alliance on or after </xsl:text>
          <xsl:call-template name="since-date"/>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$since-sure/joined/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
          <xsl:if test="$since-maybe">
            <xsl:text> A further </xsl:text>
            <xsl:value-of select="count($since-maybe)"/>
            <xsl:text> joined after the launch and </xsl:text>
            <xsl:call-template name="by-phrase"><xsl:with-param name="nodes" select="$since-maybe"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="count($since-maybe) = 1">, on a date the data does not give, so it may also have joined since then</xsl:when>
              <xsl:otherwise>, on dates the data does not give, so they may also have joined since then</xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$since-maybe/joined/@source"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:if>
        </xsl:when>
        <xsl:when test="$since-maybe">
          <xsl:text>No member is recorded as joining on a known date on or after </xsl:text>
          <xsl:call-template name="since-date"/>
          <xsl:text>; </xsl:text>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($since-maybe)"/>
            <xsl:with-param name="one" select="'member'"/>
          </xsl:call-template>
          <xsl:text> joined after the launch and </xsl:text>
          <xsl:call-template name="by-phrase"><xsl:with-param name="nodes" select="$since-maybe"/></xsl:call-template>
          <xsl:text>, on dates the data does not give, so </xsl:text>
          <xsl:choose>
            <xsl:when test="count($since-maybe) = 1">it may have</xsl:when>
            <xsl:otherwise>some or all of them may have</xsl:otherwise>
          </xsl:choose>
          <xsl:text> joined since </xsl:text>
          <xsl:call-template name="since-date"/>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$since-maybe/joined/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>No member on the list of </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
          <xsl:text> joined the Alliance on or after </xsl:text>
          <xsl:call-template name="since-date"/>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$current/joined/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </item>
  </xsl:template>

  <xsl:template name="msg-coverage">
    <item>
      <xsl:text>The sources state that </xsl:text>
      <xsl:call-template name="value"><xsl:with-param name="v" select="$nonmember-fig/@value"/></xsl:call-template>
      <xsl:text> countries were not yet members on </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
      <xsl:call-template name="cite"><xsl:with-param name="ids" select="$nonmember-fig/@source"/></xsl:call-template>
      <xsl:text>.</xsl:text>
    </item>
  </xsl:template>

  <xsl:template name="scheme-phrase">
    <xsl:text> (</xsl:text>
    <xsl:call-template name="and-list"><xsl:with-param name="nodes" select="$schemes"/></xsl:call-template>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template name="msg-regions">
    <xsl:variable name="top" select="$rc[1]"/>
    <xsl:variable name="n-placed" select="$n-current - count($no-region)"/>
    <item>
      <xsl:choose>
        <xsl:when test="$no-region">
          <xsl:call-template name="n"><xsl:with-param name="n" select="$n-placed"/></xsl:call-template>
          <xsl:text> of the </xsl:text>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="$n-current"/>
            <xsl:with-param name="one" select="'member'"/>
          </xsl:call-template>
          <xsl:text> on the list </xsl:text>
          <xsl:choose>
            <xsl:when test="$n-placed = 1">is</xsl:when>
            <xsl:otherwise>are</xsl:otherwise>
          </xsl:choose>
          <xsl:text> in </xsl:text>
        </xsl:when>
        <xsl:otherwise>The members on the list come from </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="count">
        <xsl:with-param name="n" select="count($regions)"/>
        <xsl:with-param name="one" select="'region'"/>
      </xsl:call-template>
      <xsl:call-template name="scheme-phrase"/>
      <xsl:if test="count($regions) &gt; 1 and not($rc[2]/@n = $top/@n)">
        <xsl:text>; the largest group, </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$top/@n"/></xsl:call-template>
        <xsl:if test="not($no-region)">
          <xsl:text> of </xsl:text>
          <xsl:call-template name="n"><xsl:with-param name="n" select="$n-current"/></xsl:call-template>
        </xsl:if>
        <xsl:text>, is in </xsl:text>
        <xsl:value-of select="$top/@name"/>
      </xsl:if>
      <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-regions"/></xsl:call-template>
      <xsl:text>.</xsl:text>
      <xsl:if test="$no-region">
        <xsl:text> The data records no region for the other </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="count($no-region)"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:if>
      <xsl:if test="$eu-members">
        <xsl:text> </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="count($eu-members)"/></xsl:call-template>
        <xsl:text> of the </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$n-current"/></xsl:call-template>
        <xsl:text> members </xsl:text>
        <xsl:choose>
          <xsl:when test="count($eu-members) = 1">is an EU member state</xsl:when>
          <xsl:otherwise>are EU member states</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-eu"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </item>
  </xsl:template>

  <xsl:template name="status-phrase-all">
    <xsl:call-template name="status-phrase">
      <xsl:with-param name="done" select="$n-done"/>
      <xsl:with-param name="ongoing" select="$n-ongoing"/>
      <xsl:with-param name="planned" select="$n-planned"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="msg-progress">
    <item>
      <xsl:choose>
        <xsl:when test="$n-actions = 0">
          <xsl:text>No member actions </xsl:text>
          <xsl:if test="not($indicators)">or indicators </xsl:if>
          <xsl:text>are recorded in this dataset, so progress against the </xsl:text>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($targets)"/>
            <xsl:with-param name="one" select="'policy target'"/>
          </xsl:call-template>
          <xsl:text> cannot be shown member by member.</xsl:text>
          <xsl:if test="$measures">
            <xsl:variable name="tied" select="$targets[@id = $measures/@target]"/>
            <xsl:text> The sources report </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($measures)"/>
              <xsl:with-param name="one" select="'measure'"/>
            </xsl:call-template>
            <xsl:text> taken across the Alliance without naming the members that took them</xsl:text>
            <xsl:if test="$tied">
              <xsl:text>, concerning </xsl:text>
              <xsl:value-of select="count($tied)"/>
              <xsl:text> of the </xsl:text>
              <xsl:value-of select="count($targets)"/>
              <xsl:text> targets</xsl:text>
            </xsl:if>
            <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$measures/@source"/></xsl:call-template>
            <xsl:text>.</xsl:text>
            <xsl:variable name="untied" select="$targets[not(@id = $measures/@target)]"/>
            <xsl:if test="$untied">
              <xsl:text> No measure is recorded for </xsl:text>
              <xsl:for-each select="$untied">
                <xsl:if test="position() &gt; 1">
                  <xsl:choose>
                    <xsl:when test="position() = last()"> or </xsl:when>
                    <xsl:otherwise>, </xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
                <xsl:call-template name="target-label"/>
              </xsl:for-each>
              <xsl:text>.</xsl:text>
            </xsl:if>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>Members have recorded </xsl:text>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="$n-actions"/>
            <xsl:with-param name="one" select="'action'"/>
          </xsl:call-template>
          <xsl:text> against the </xsl:text>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($targets)"/>
            <xsl:with-param name="one" select="'policy target'"/>
          </xsl:call-template>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="status-phrase-all"/>
          <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-actions"/></xsl:call-template>
          <xsl:text>. </xsl:text>
          <xsl:variable name="best-rtf">
            <xsl:for-each select="$tc">
              <xsl:sort select="@done" data-type="number" order="descending"/>
              <xsl:sort select="@number" data-type="number"/>
              <xsl:copy-of select="."/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:variable name="best" select="exsl:node-set($best-rtf)/t[1]"/>
          <xsl:if test="$best/@done &gt; 0 and not(exsl:node-set($best-rtf)/t[2]/@done = $best/@done)">
            <xsl:value-of select="$best/@label"/>
            <xsl:text> has the most done (</xsl:text>
            <xsl:call-template name="n"><xsl:with-param name="n" select="$best/@done"/></xsl:call-template>
            <xsl:text>). </xsl:text>
          </xsl:if>
          <xsl:call-template name="with-actions-sentence"/>
        </xsl:otherwise>
      </xsl:choose>
    </item>
  </xsl:template>

  <!-- "12 of the 30 members on the list have recorded at least one action;
       18 have recorded none." -->
  <xsl:template name="with-actions-sentence">
    <xsl:variable name="k" select="count($current-with-actions)"/>
    <xsl:choose>
      <xsl:when test="$k = $n-current and $k = 1">The only member on the list has recorded at least one action.</xsl:when>
      <xsl:when test="$k = $n-current">
        <xsl:text>All </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$k"/></xsl:call-template>
        <xsl:text> members on the list have recorded at least one action.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$k"/></xsl:call-template>
        <xsl:text> of the </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-current"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:text> on the list </xsl:text>
        <xsl:choose>
          <xsl:when test="$k = 1">has</xsl:when>
          <xsl:otherwise>have</xsl:otherwise>
        </xsl:choose>
        <xsl:text> recorded at least one action; </xsl:text>
        <xsl:call-template name="n"><xsl:with-param name="n" select="$n-current - $k"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$n-current - $k = 1"> has</xsl:when>
          <xsl:otherwise> have</xsl:otherwise>
        </xsl:choose>
        <xsl:text> recorded none.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="background">
    <section id="background">
      <title>Background</title>
      <p>
        <xsl:text>The </xsl:text>
        <xsl:value-of select="$alliance-name"/>
        <xsl:text> was launched in </xsl:text>
        <xsl:value-of select="normalize-space($launch/@place)"/>
        <xsl:text> on </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$launch-date"/></xsl:call-template>
        <xsl:text>, when </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-founding"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:text> joined it</xsl:text>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-launch-founding"/></xsl:call-template>
        <xsl:text>. Its members share </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($targets)"/>
          <xsl:with-param name="one" select="'policy target'"/>
        </xsl:call-template>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$targets/@source"/></xsl:call-template>
        <xsl:text>:</xsl:text>
      </p>
      <list numbered="yes">
        <xsl:for-each select="$targets">
          <xsl:sort select="@number" data-type="number"/>
          <item>
            <p>
              <strong>
                <xsl:text>Target </xsl:text>
                <xsl:value-of select="@number"/>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="normalize-space(short)"/>
                <xsl:text>.</xsl:text>
              </strong>
              <xsl:text> </xsl:text>
              <xsl:call-template name="target-wording"/>
            </p>
            <xsl:if test="goal">
              <p>
                <xsl:choose>
                  <xsl:when test="count(goal) = 1">Operational goal:</xsl:when>
                  <xsl:otherwise>Operational goals:</xsl:otherwise>
                </xsl:choose>
              </p>
              <xsl:apply-templates select="." mode="goals"/>
            </xsl:if>
          </item>
        </xsl:for-each>
      </list>
      <xsl:if test="$events">
        <p>Events recorded in the data:</p>
        <list>
          <xsl:for-each select="$events">
            <xsl:sort select="normalize-space(@date)"/>
            <item>
              <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(@date)"/></xsl:call-template>
              <xsl:if test="normalize-space(@place)">
                <xsl:value-of select="concat(', ', normalize-space(@place))"/>
              </xsl:if>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="normalize-space(title)"/>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
            </item>
          </xsl:for-each>
        </list>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="key-figures">
    <section id="key-figures">
      <title>Key figures</title>
      <figures>
        <figure label="Members on {$as-of-text}" value="{format-number($n-current, '#,##0')}">
          <xsl:if test="$n-founding &gt; 0">
            <xsl:attribute name="change">
              <xsl:choose>
                <xsl:when test="$n-current &gt; $n-founding">+</xsl:when>
                <xsl:when test="$n-current = $n-founding">no change </xsl:when>
              </xsl:choose>
              <xsl:if test="$n-current != $n-founding">
                <xsl:value-of select="format-number($n-current - $n-founding, '#,##0')"/>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:text>since the launch</xsl:text>
              <xsl:if test="$endorsed-only and $later">
                <xsl:value-of select="concat(' (', count($later), ' joined, ', count($endorsed-only), ' not on the list)')"/>
              </xsl:if>
            </xsl:attribute>
          </xsl:if>
        </figure>
        <figure label="Members at the launch on {$launch-text}" value="{format-number($n-founding, '#,##0')}"/>
        <figure label="Members that joined after the launch" value="{format-number(count($later), '#,##0')}"/>
        <xsl:if test="$eu-members">
          <figure label="EU member states among the members" value="{format-number(count($eu-members), '#,##0')}"/>
        </xsl:if>
        <xsl:if test="$regions">
          <figure label="Regions with members" value="{count($regions)}"/>
        </xsl:if>
        <figure label="Policy targets" value="{count($targets)}"/>
        <figure label="Member actions recorded" value="{format-number($n-actions, '#,##0')}"/>
        <xsl:if test="$n-actions &gt; 0">
          <figure label="Members with recorded actions" value="{format-number(count($current-with-actions), '#,##0')}"/>
        </xsl:if>
        <xsl:if test="$measures">
          <figure label="Measures reported across the Alliance" value="{count($measures)}"/>
        </xsl:if>
        <xsl:if test="$nonmember-fig">
          <figure label="Countries not yet members on {$as-of-text}">
            <xsl:attribute name="value">
              <xsl:call-template name="value"><xsl:with-param name="v" select="$nonmember-fig/@value"/></xsl:call-template>
            </xsl:attribute>
          </figure>
        </xsl:if>
      </figures>
      <p>
        <xsl:text>These figures are counted from the members list</xsl:text>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="concat($src-members, $src-joined, $src-regions, $src-eu)"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$measures or $nonmember-fig">, </xsl:when>
          <xsl:otherwise> and </xsl:otherwise>
        </xsl:choose>
        <xsl:text>the policy targets</xsl:text>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$targets/@source"/></xsl:call-template>
        <xsl:if test="$measures">
          <xsl:choose>
            <xsl:when test="$nonmember-fig">, </xsl:when>
            <xsl:otherwise> and </xsl:otherwise>
          </xsl:choose>
          <xsl:text>the measures reported across the Alliance</xsl:text>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$measures/@source"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$nonmember-fig">
          <xsl:text> and the number of countries not yet members</xsl:text>
          <xsl:call-template name="cite"><xsl:with-param name="ids" select="$nonmember-fig/@source"/></xsl:call-template>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:variable name="other" select="$data-figures[generate-id() != generate-id($nonmember-fig)]"/>
      <xsl:if test="$other">
        <p>Other figures stated by the sources:</p>
        <list>
          <xsl:for-each select="$other">
            <xsl:sort select="normalize-space(@date)"/>
            <item>
              <xsl:value-of select="normalize-space(.)"/>
              <xsl:text>: </xsl:text>
              <xsl:call-template name="value"><xsl:with-param name="v" select="@value"/></xsl:call-template>
              <xsl:if test="normalize-space(@unit)">
                <xsl:value-of select="concat(' ', normalize-space(@unit))"/>
              </xsl:if>
              <xsl:text> on </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(@date)"/></xsl:call-template>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
            </item>
          </xsl:for-each>
        </list>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->
  <!-- Membership growth                                              -->
  <!-- ============================================================ -->

  <!-- Chart points: <c label value/>.  One per join date when there are
       few; otherwise the launch, then the end of each year (the as-of date
       for its year). -->
  <xsl:variable name="growth-rtf">
    <xsl:choose>
      <xsl:when test="$few-dates">
        <xsl:for-each select="$dates">
          <c>
            <xsl:attribute name="label">
              <xsl:if test="@by">by </xsl:if>
              <xsl:call-template name="date">
                <xsl:with-param name="d" select="@v"/>
                <xsl:with-param name="short" select="true()"/>
              </xsl:call-template>
              <xsl:if test="@v = $launch-date"> (launch)</xsl:if>
            </xsl:attribute>
            <xsl:attribute name="value">
              <xsl:choose>
                <xsl:when test="@v = $launch-date"><xsl:value-of select="$n-founding"/></xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="joined-by"><xsl:with-param name="cut" select="number(@n)"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
          </c>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$founding">
          <c value="{$n-founding}">
            <xsl:attribute name="label">
              <xsl:call-template name="date">
                <xsl:with-param name="d" select="$launch-date"/>
                <xsl:with-param name="short" select="true()"/>
              </xsl:call-template>
              <xsl:text> (launch)</xsl:text>
            </xsl:attribute>
          </c>
        </xsl:if>
        <xsl:call-template name="growth-years">
          <xsl:with-param name="y" select="number(substring($launch-date, 1, 4))"/>
          <xsl:with-param name="last" select="number(substring($as-of, 1, 4))"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="growth" select="exsl:node-set($growth-rtf)/c"/>

  <!-- One <c> per year from $y to $last, each half of the span in turn,
       so that the calls nest as deep as the span's logarithm. -->
  <xsl:template name="growth-years">
    <xsl:param name="y"/>
    <xsl:param name="last"/>
    <xsl:if test="$y &lt;= $last and $last - $y &lt; 300">
      <xsl:choose>
        <xsl:when test="$y = $last">
          <xsl:call-template name="growth-year"><xsl:with-param name="y" select="$y"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="mid" select="floor(($y + $last) div 2)"/>
          <xsl:call-template name="growth-years">
            <xsl:with-param name="y" select="$y"/>
            <xsl:with-param name="last" select="$mid"/>
          </xsl:call-template>
          <xsl:call-template name="growth-years">
            <xsl:with-param name="y" select="$mid + 1"/>
            <xsl:with-param name="last" select="$last"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="growth-year">
    <xsl:param name="y"/>
    <xsl:variable name="end" select="$y * 10000 + 1231"/>
    <xsl:variable name="cut">
      <xsl:choose>
        <xsl:when test="$as-of-n &lt; $end"><xsl:value-of select="$as-of-n"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$end"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <c>
      <xsl:attribute name="value">
        <xsl:call-template name="joined-by"><xsl:with-param name="cut" select="number($cut)"/></xsl:call-template>
      </xsl:attribute>
      <xsl:attribute name="label">
        <xsl:choose>
          <xsl:when test="number($cut) = $end">
            <xsl:value-of select="concat('end of ', $y)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>by </xsl:text>
            <xsl:call-template name="date">
              <xsl:with-param name="d" select="$as-of"/>
              <xsl:with-param name="short" select="true()"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </c>
  </xsl:template>

  <!-- How many members on the list joined on or before $cut (a date as a
       number, 20121205), counting a "by" date as the join date. -->
  <xsl:template name="joined-by">
    <xsl:param name="cut"/>
    <xsl:value-of select="count($jn[. &lt;= $cut])"/>
  </xsl:template>

  <xsl:template name="growth">
    <section id="membership-growth">
      <title>Membership growth</title>
      <p>
        <xsl:text>At the launch on </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$launch-date"/></xsl:call-template>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-founding"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:text> joined the Alliance</xsl:text>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$founding/joined/@source"/></xsl:call-template>
        <xsl:text>. </xsl:text>
        <xsl:if test="$later">
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($later)"/>
            <xsl:with-param name="one" select="'member'"/>
          </xsl:call-template>
          <xsl:text> joined later</xsl:text>
          <xsl:if test="$later-by">
            <xsl:choose>
              <xsl:when test="count($later-by) = 1 and count($later) = 1">; the data gives only the date by which it had joined</xsl:when>
              <xsl:when test="count($later-by) = 1">; for 1 of them the data gives only the date by which it had joined</xsl:when>
              <xsl:when test="not($later-dated)">; for all of them the data gives only the date by which they had joined</xsl:when>
              <xsl:otherwise>
                <xsl:text>; for </xsl:text>
                <xsl:value-of select="format-number(count($later-by), '#,##0')"/>
                <xsl:text> of them the data gives only the date by which they had joined</xsl:text>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text>, shown as "by" in the chart</xsl:text>
          </xsl:if>
          <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-later-joined"/></xsl:call-template>
          <xsl:text>. </xsl:text>
        </xsl:if>
        <xsl:text>On </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
        <xsl:text> the members list had </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-current"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-current"/></xsl:call-template>
        <xsl:text>.</xsl:text>
        <xsl:if test="$endorsed-only">
          <xsl:text> </xsl:text>
          <xsl:call-template name="endorsed-only-sentence"/>
        </xsl:if>
      </p>
      <xsl:if test="$growth">
        <chart kind="bar" title="Members of the Alliance over time" unit="members">
          <xsl:for-each select="$growth">
            <category><xsl:value-of select="@label"/></category>
          </xsl:for-each>
          <series name="Members">
            <xsl:for-each select="$growth">
              <value><xsl:value-of select="@value"/></value>
            </xsl:for-each>
          </series>
        </chart>
        <p>
          <xsl:text>Each bar counts the members known to have joined by that date</xsl:text>
          <xsl:if test="$endorsed-only">
            <xsl:text>: the launch counts all </xsl:text>
            <xsl:call-template name="n"><xsl:with-param name="n" select="$n-founding"/></xsl:call-template>
            <xsl:text> founding members, later bars only the members on the list of </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
            <xsl:text>, as the data does not say whether </xsl:text>
            <xsl:call-template name="names"><xsl:with-param name="nodes" select="$endorsed-only/name"/></xsl:call-template>
            <xsl:text> took part in between</xsl:text>
          </xsl:if>
          <xsl:if test="$by-members">
            <xsl:text>; a member for which only a "by" date is known is counted from that date</xsl:text>
          </xsl:if>
          <xsl:text>.</xsl:text>
          <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-joined"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="$later and count($later) &lt;= 30">
        <section id="joined-after-launch">
          <title>Members that joined after the launch</title>
          <xsl:call-template name="member-table">
            <xsl:with-param name="nodes" select="$later"/>
            <xsl:with-param name="caption" select="'Members that joined after the launch'"/>
          </xsl:call-template>
        </section>
      </xsl:if>
      <xsl:if test="$since-d != ''">
        <xsl:call-template name="joined-since"/>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- A table of members: name, region, date joined. -->
  <xsl:template name="member-table">
    <xsl:param name="nodes"/>
    <xsl:param name="caption"/>
    <table caption="{$caption}">
      <columns>
        <column align="left"/>
        <column align="left"/>
        <column align="left"/>
      </columns>
      <head>
        <row>
          <cell>Member</cell>
          <cell>
            <xsl:text>Region</xsl:text>
            <xsl:if test="$regions"><xsl:call-template name="scheme-phrase"/></xsl:if>
          </cell>
          <cell>Joined</cell>
        </row>
      </head>
      <body>
        <xsl:for-each select="$nodes">
          <xsl:sort select="normalize-space(concat(joined/@date, joined/@by))"/>
          <xsl:sort select="normalize-space(name)"/>
          <row>
            <cell>
              <xsl:value-of select="normalize-space(name)"/>
              <xsl:call-template name="designation-cite"/>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="@source"/></xsl:call-template>
            </cell>
            <cell>
              <xsl:choose>
                <xsl:when test="region">
                  <xsl:value-of select="normalize-space(region)"/>
                  <xsl:call-template name="cite"><xsl:with-param name="ids" select="region/@source"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>None recorded</xsl:otherwise>
              </xsl:choose>
            </cell>
            <cell>
              <xsl:choose>
                <xsl:when test="joined/@date">
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(joined/@date)"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:text>By </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(joined/@by)"/></xsl:call-template>
                  <xsl:text> (exact date not recorded)</xsl:text>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="joined/@source"/></xsl:call-template>
            </cell>
          </row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template name="joined-since">
    <section id="joined-since">
      <title>
        <xsl:text>Members that joined since </xsl:text>
        <xsl:call-template name="since-date"/>
      </title>
      <xsl:choose>
        <xsl:when test="$since-sure">
          <p>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="count($since-sure)"/>
              <xsl:with-param name="one" select="'member'"/>
            </xsl:call-template>
            <xsl:text> on the list joined on or after </xsl:text>
            <xsl:call-template name="since-date"/>
            <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$since-sure/joined/@source"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </p>
          <xsl:call-template name="member-table">
            <xsl:with-param name="nodes" select="$since-sure"/>
            <xsl:with-param name="caption" select="'Members that joined since the date given'"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:text>No member on the list is recorded as joining on a known date on or after </xsl:text>
            <xsl:call-template name="since-date"/>
            <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$current/joined/@source"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$since-maybe">
        <p>
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="count($since-maybe)"/>
            <xsl:with-param name="one" select="'member'"/>
          </xsl:call-template>
          <xsl:text> joined after the launch and </xsl:text>
          <xsl:call-template name="by-phrase"><xsl:with-param name="nodes" select="$since-maybe"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="count($since-maybe) = 1">; the data does not say whether it joined before or after </xsl:when>
            <xsl:otherwise>; the data does not say whether they joined before or after </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="since-date"/>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="names">
            <xsl:with-param name="nodes" select="$since-maybe/name"/>
            <xsl:with-param name="max" select="60"/>
          </xsl:call-template>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$since-maybe/joined/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="regions">
    <section id="regions">
      <title>Members by region</title>
      <xsl:choose>
        <xsl:when test="$regions">
          <p>
            <xsl:text>The </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-current"/>
              <xsl:with-param name="one" select="'member'"/>
            </xsl:call-template>
            <xsl:text> on the list of </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="$as-of"/></xsl:call-template>
            <xsl:text>, by region</xsl:text>
            <xsl:call-template name="scheme-phrase"/>
            <xsl:call-template name="cite"><xsl:with-param name="ids" select="concat($src-current, $src-regions)"/></xsl:call-template>
            <xsl:text>:</xsl:text>
          </p>
          <table caption="Members by region">
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
            </columns>
            <head>
              <row><cell>Region</cell><cell>Members</cell><cell>Share</cell></row>
            </head>
            <body>
              <xsl:for-each select="$rc">
                <row>
                  <cell>
                    <xsl:value-of select="@name"/>
                    <xsl:call-template name="cite"><xsl:with-param name="ids" select="@src"/></xsl:call-template>
                  </cell>
                  <cell><xsl:value-of select="format-number(@n, '#,##0')"/></cell>
                  <cell>
                    <xsl:call-template name="percent">
                      <xsl:with-param name="part" select="@n"/>
                      <xsl:with-param name="whole" select="$n-current"/>
                    </xsl:call-template>
                  </cell>
                </row>
              </xsl:for-each>
              <xsl:if test="$no-region">
                <row>
                  <cell>No region recorded</cell>
                  <cell><xsl:value-of select="format-number(count($no-region), '#,##0')"/></cell>
                  <cell>
                    <xsl:call-template name="percent">
                      <xsl:with-param name="part" select="count($no-region)"/>
                      <xsl:with-param name="whole" select="$n-current"/>
                    </xsl:call-template>
                  </cell>
                </row>
              </xsl:if>
              <row>
                <cell><strong>Total</strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-current, '#,##0')"/></strong></cell>
                <cell><strong>100%</strong></cell>
              </row>
            </body>
          </table>
          <chart kind="bar" title="Members by region" unit="members">
            <xsl:for-each select="$rc">
              <category><xsl:value-of select="@name"/></category>
            </xsl:for-each>
            <xsl:if test="$no-region"><category>No region recorded</category></xsl:if>
            <series name="Members">
              <xsl:for-each select="$rc">
                <value><xsl:value-of select="@n"/></value>
              </xsl:for-each>
              <xsl:if test="$no-region"><value><xsl:value-of select="count($no-region)"/></value></xsl:if>
            </series>
          </chart>
        </xsl:when>
        <xsl:otherwise>
          <p>The data records no region for the members on the list.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="progress">
    <section id="progress">
      <title>Progress by target</title>
      <xsl:choose>
        <xsl:when test="$n-actions = 0">
          <p>
            <xsl:text>No member actions are recorded in this dataset, so progress cannot be shown member by member or by the status of actions.</xsl:text>
            <xsl:if test="$measures">
              <xsl:text> The measures below are those the sources report across the Alliance, without naming the members that took them.</xsl:text>
            </xsl:if>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:text>Members have recorded </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-actions"/>
              <xsl:with-param name="one" select="'action'"/>
            </xsl:call-template>
            <xsl:text>: </xsl:text>
            <xsl:call-template name="status-phrase-all"/>
            <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-actions"/></xsl:call-template>
            <xsl:text>. </xsl:text>
            <xsl:call-template name="with-actions-sentence"/>
          </p>
          <table caption="Recorded member actions by target and status">
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
            </columns>
            <head>
              <row>
                <cell>Target</cell><cell>Planned</cell><cell>Ongoing</cell><cell>Done</cell>
                <cell>Total</cell><cell>Members with actions</cell>
              </row>
            </head>
            <body>
              <xsl:for-each select="$tc">
                <row>
                  <cell>
                    <xsl:value-of select="@label"/>
                    <xsl:call-template name="cite"><xsl:with-param name="ids" select="@src"/></xsl:call-template>
                  </cell>
                  <cell><xsl:value-of select="format-number(@planned, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@ongoing, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@done, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@n, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@members, '#,##0')"/></cell>
                </row>
              </xsl:for-each>
              <row>
                <cell><strong>All targets</strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-planned, '#,##0')"/></strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-ongoing, '#,##0')"/></strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-done, '#,##0')"/></strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-actions, '#,##0')"/></strong></cell>
                <cell><strong><xsl:value-of select="format-number(count($members[actions/action]), '#,##0')"/></strong></cell>
              </row>
            </body>
          </table>
          <chart kind="bar" title="Recorded member actions by target and status" unit="actions">
            <xsl:for-each select="$targets">
              <xsl:sort select="@number" data-type="number"/>
              <category><xsl:value-of select="concat('Target ', @number)"/></category>
            </xsl:for-each>
            <xsl:for-each select="$statuses">
              <xsl:variable name="s" select="string(.)"/>
              <series>
                <xsl:attribute name="name">
                  <xsl:call-template name="label"><xsl:with-param name="s" select="$s"/></xsl:call-template>
                </xsl:attribute>
                <xsl:for-each select="$tc">
                  <value><xsl:value-of select="@*[local-name() = $s]"/></value>
                </xsl:for-each>
              </series>
            </xsl:for-each>
          </chart>
          <p>
            <xsl:text>"Members with actions" counts the members, on the list or not, that recorded at least one action for the target.</xsl:text>
          </p>
        </xsl:otherwise>
      </xsl:choose>

      <xsl:if test="$measures">
        <section id="measures">
          <title>Measures reported across the Alliance</title>
          <xsl:for-each select="$targets">
            <xsl:sort select="@number" data-type="number"/>
            <xsl:variable name="m" select="$measures[@target = current()/@id]"/>
            <p>
              <strong><xsl:call-template name="target-label"/></strong>
              <xsl:choose>
                <xsl:when test="$m">:</xsl:when>
                <xsl:otherwise>: no measure is recorded for this target.</xsl:otherwise>
              </xsl:choose>
            </p>
            <xsl:if test="$m">
              <list>
                <xsl:apply-templates select="$m" mode="item"/>
              </list>
            </xsl:if>
          </xsl:for-each>
          <xsl:variable name="general" select="$measures[not(@target) or not(@target = $targets/@id)]"/>
          <xsl:if test="$general">
            <p><strong>Not tied to a target</strong>:</p>
            <list>
              <xsl:apply-templates select="$general" mode="item"/>
            </list>
          </xsl:if>
        </section>
      </xsl:if>

      <section id="indicators">
        <title>Indicators</title>
        <xsl:choose>
          <xsl:when test="$indicators">
            <xsl:variable name="names" select="set:distinct($indicators/@name)"/>
            <!-- One row per indicator name, with the distinct sources of its
                 values: when every name has the same single source, the
                 paragraph cites it without a pass over all the values. -->
            <xsl:variable name="rows-rtf">
              <xsl:for-each select="$names">
                <xsl:sort select="."/>
                <xsl:variable name="nm" select="string(.)"/>
                <xsl:variable name="group" select="$indicators[@name = $nm]"/>
                <xsl:variable name="gsrc" select="set:distinct($group/@source)"/>
                <xsl:variable name="years" select="set:distinct($group/@year)"/>
                <r src="{$gsrc}" n="{count($gsrc)}">
                  <row>
                    <cell>
                      <xsl:call-template name="label"><xsl:with-param name="s" select="$nm"/></xsl:call-template>
                      <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$gsrc"/></xsl:call-template>
                    </cell>
                    <cell>
                      <xsl:call-template name="and-list"><xsl:with-param name="nodes" select="set:distinct($group/@unit)"/></xsl:call-template>
                    </cell>
                    <cell><xsl:value-of select="format-number(count($group), '#,##0')"/></cell>
                    <cell>
                      <!-- The first and last years in numeric order (NaN first). -->
                      <xsl:value-of select="math:min($years)"/>
                      <xsl:if test="count($years) &gt; 1">
                        <xsl:text> to </xsl:text>
                        <xsl:value-of select="math:max($years)"/>
                      </xsl:if>
                    </cell>
                  </row>
                </r>
              </xsl:for-each>
            </xsl:variable>
            <xsl:variable name="rows" select="exsl:node-set($rows-rtf)/r"/>
            <p>
              <xsl:variable name="k" select="count($members[indicators/indicator])"/>
              <xsl:call-template name="count">
                <xsl:with-param name="n" select="$k"/>
                <xsl:with-param name="one" select="'member'"/>
              </xsl:call-template>
              <xsl:choose>
                <xsl:when test="$k = 1"> reports </xsl:when>
                <xsl:otherwise> report </xsl:otherwise>
              </xsl:choose>
              <xsl:call-template name="count">
                <xsl:with-param name="n" select="count($names)"/>
                <xsl:with-param name="one" select="'yearly indicator'"/>
              </xsl:call-template>
              <xsl:choose>
                <xsl:when test="not($rows[@n != 1]) and count(set:distinct($rows/@src)) = 1">
                  <xsl:call-template name="cite"><xsl:with-param name="ids" select="string($rows/@src)"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$indicators/@source"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:text>. The values are given in each member's brief and are not added up here.</xsl:text>
            </p>
            <table caption="Indicators reported by members">
              <columns>
                <column align="left"/>
                <column align="left"/>
                <column align="right" numeric="yes"/>
                <column align="left"/>
              </columns>
              <head>
                <row><cell>Indicator</cell><cell>Unit</cell><cell>Values recorded</cell><cell>Years</cell></row>
              </head>
              <body>
                <xsl:copy-of select="$rows/row"/>
              </body>
            </table>
          </xsl:when>
          <xsl:otherwise>
            <p>No member indicators are recorded in this dataset.</p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

</xsl:stylesheet>
