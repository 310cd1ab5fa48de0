<?xml version="1.0" encoding="UTF-8"?>
<!-- target.xsl: a ministerial brief on one policy target of the Alliance.

     Parameters (strings):
       target      the target's id, such as victims (required)
       marking     a protective marking, such as OFFICIAL
       generator   the program's name and version

     Runs once per target.  Every pass over the members or actions is
     linear, and there are few of them: one filter picks the target's
     actions, three split them by status, and the kinds, years and statuses
     are counted from those sets' attributes (a test on an attribute costs
     about half a test on its element in libxml2).  No key() groups the
     actions: libxslt's key tables add each node with a scan of its group,
     so such a key is quadratic in the size of its groups. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="exsl set str">

  <xsl:include href="common.xsl"/>

  <!-- Look sources up with a key only when there are many (common.xsl). -->
  <xsl:variable name="source-key" select="count($sources) &gt; 50"/>
  <xsl:variable name="member-key" select="true()"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="target" select="''"/>

  <xsl:variable name="t" select="$targets[@id = normalize-space($target)][1]"/>
  <xsl:variable name="tid" select="string($t/@id)"/>
  <xsl:variable name="members" select="(/alliance/members/member)"/>
  <xsl:variable name="current" select="$members[@status = 'member']"/>
  <xsl:variable name="n-current" select="count($current)"/>
  <xsl:variable name="actions" select="$members/actions/action"/>
  <xsl:variable name="acts" select="$actions[@target = $tid]"/>
  <xsl:variable name="n-acts" select="count($acts)"/>
  <xsl:variable name="n-all-actions" select="count($actions)"/>
  <!-- The target's actions by status, and their counts. -->
  <xsl:variable name="acts-planned" select="$acts[@status = 'planned']"/>
  <xsl:variable name="acts-ongoing" select="$acts[@status = 'ongoing']"/>
  <xsl:variable name="acts-done" select="$acts[@status = 'done']"/>
  <xsl:variable name="n-planned" select="count($acts-planned)"/>
  <xsl:variable name="n-ongoing" select="count($acts-ongoing)"/>
  <xsl:variable name="n-done" select="count($acts-done)"/>
  <!-- The distinct `source` values of the target's actions.  When there is
       one, every non-empty set of these actions cites just it: $acts-cite,
       written once. -->
  <xsl:variable name="acts-src" select="set:distinct($acts/@source)"/>
  <xsl:variable name="one-src" select="count($acts-src) = 1"/>
  <xsl:variable name="src-acts">
    <xsl:for-each select="$acts-src"><xsl:value-of select="concat(' ', .)"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="acts-cite">
    <xsl:call-template name="cite"><xsl:with-param name="ids" select="string($src-acts)"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-current">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$current/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="any-indicators" select="boolean($members[indicators/indicator][1])"/>
  <!-- Members with actions for this target, on the list or not. -->
  <xsl:variable name="t-members" select="$members[actions/action/@target = $tid]"/>
  <xsl:variable name="n-t-members" select="count($t-members)"/>
  <xsl:variable name="n-t-current" select="count($t-members[@status = 'member'])"/>
  <xsl:variable name="n-without" select="$n-current - $n-t-current"/>
  <xsl:variable name="t-measures" select="$measures[@target = $tid]"/>
  <xsl:variable name="general-measures" select="$measures[not(@target) or not(@target = $targets/@id)]"/>
  <xsl:variable name="label">
    <xsl:for-each select="$t"><xsl:call-template name="target-label"/></xsl:for-each>
  </xsl:variable>

  <!-- ============================================================ -->

  <xsl:template match="/">
    <xsl:if test="normalize-space($target) = ''">
      <xsl:message terminate="yes">target.xsl: the parameter target (a target's id) is required.</xsl:message>
    </xsl:if>
    <xsl:if test="not($t)">
      <xsl:message terminate="yes">target.xsl: no target has the id "<xsl:value-of select="$target"/>".</xsl:message>
    </xsl:if>
    <xsl:call-template name="brief">
      <xsl:with-param name="title" select="concat('Target ', $t/@number, ': ', normalize-space($t/short))"/>
      <xsl:with-param name="subtitle" select="concat($alliance-name, ': policy target brief as of ', $as-of-text)"/>
      <xsl:with-param name="body">
        <section id="purpose">
          <title>Purpose</title>
          <p>
            <xsl:text>This brief sets out what the Alliance data records on </xsl:text>
            <xsl:value-of select="$label"/>
            <xsl:text> of the </xsl:text>
            <xsl:value-of select="$alliance-name"/>
            <xsl:text> on </xsl:text>
            <xsl:value-of select="$as-of-text"/>
            <xsl:text>: its wording and operational goals, the actions members have recorded for it, the measures reported across the Alliance, and which members have acted. Every fact cites its source.</xsl:text>
          </p>
        </section>
        <xsl:call-template name="key-messages"/>
        <xsl:call-template name="the-target"/>
        <xsl:call-template name="actions"/>
        <xsl:call-template name="measures"/>
        <xsl:call-template name="members"/>
        <xsl:call-template name="next-steps">
          <xsl:with-param name="steps" select="$calls[not(@target) or @target = $tid]"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="actions-sentence">
    <xsl:choose>
      <xsl:when test="$n-acts = 0">
        <xsl:text>No member actions are recorded for this target in this dataset</xsl:text>
        <xsl:choose>
          <xsl:when test="$n-all-actions = 0"><xsl:text>, nor for any other target.</xsl:text></xsl:when>
          <xsl:otherwise>
            <xsl:text>; members have recorded </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-all-actions"/>
              <xsl:with-param name="one" select="'action'"/>
            </xsl:call-template>
            <xsl:text> for the other targets.</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>Members have recorded </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-acts"/>
          <xsl:with-param name="one" select="'action'"/>
        </xsl:call-template>
        <xsl:text> for this target: </xsl:text>
        <xsl:call-template name="status-phrase">
          <xsl:with-param name="done" select="$n-done"/>
          <xsl:with-param name="ongoing" select="$n-ongoing"/>
          <xsl:with-param name="planned" select="$n-planned"/>
        </xsl:call-template>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-acts"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="members-sentence">
    <xsl:choose>
      <xsl:when test="$n-t-current = 0">
        <xsl:text>None of the </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="$n-current"/>
          <xsl:with-param name="one" select="'member'"/>
        </xsl:call-template>
        <xsl:text> on the list of </xsl:text>
        <xsl:value-of select="$as-of-text"/>
        <xsl:text> has recorded an action for this target in this dataset.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:choose>
          <xsl:when test="$n-without = 0">
            <xsl:text>All </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-current"/>
              <xsl:with-param name="one" select="'member'"/>
            </xsl:call-template>
            <xsl:text> on the list of </xsl:text>
            <xsl:value-of select="$as-of-text"/>
            <xsl:text> have recorded at least one action for this target</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="n"><xsl:with-param name="n" select="$n-t-current"/></xsl:call-template>
            <xsl:text> of the </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-current"/>
              <xsl:with-param name="one" select="'member'"/>
            </xsl:call-template>
            <xsl:text> on the list of </xsl:text>
            <xsl:value-of select="$as-of-text"/>
            <xsl:choose>
              <xsl:when test="$n-t-current = 1"> has</xsl:when>
              <xsl:otherwise> have</xsl:otherwise>
            </xsl:choose>
            <xsl:text> recorded at least one action for this target; </xsl:text>
            <xsl:call-template name="n"><xsl:with-param name="n" select="$n-without"/></xsl:call-template>
            <xsl:choose>
              <xsl:when test="$n-without = 1"> has</xsl:when>
              <xsl:otherwise> have</xsl:otherwise>
            </xsl:choose>
            <xsl:text> recorded none</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="concat($src-current, $src-acts)"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="measures-sentence">
    <xsl:choose>
      <xsl:when test="$t-measures">
        <xsl:text>The sources report </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($t-measures)"/>
          <xsl:with-param name="one" select="'measure'"/>
        </xsl:call-template>
        <xsl:text> taken across the Alliance for this target, without naming the members that took them</xsl:text>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$t-measures/@source"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:when>
      <xsl:otherwise>No measure reported across the Alliance is recorded for this target.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- " is one of the 4 policy targets of the Alliance" -->
  <xsl:template name="one-of-targets">
    <xsl:choose>
      <xsl:when test="count($targets) = 1"> is the only policy target of the Alliance</xsl:when>
      <xsl:otherwise>
        <xsl:text> is one of the </xsl:text>
        <xsl:call-template name="count">
          <xsl:with-param name="n" select="count($targets)"/>
          <xsl:with-param name="one" select="'policy target'"/>
        </xsl:call-template>
        <xsl:text> of the Alliance</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="key-messages">
    <section id="key-messages">
      <title>Key messages</title>
      <list>
        <item>
          <xsl:value-of select="$label"/>
          <xsl:call-template name="one-of-targets"/>
          <xsl:choose>
            <xsl:when test="$t/goal">
              <xsl:text>, with </xsl:text>
              <xsl:call-template name="count">
                <xsl:with-param name="n" select="count($t/goal)"/>
                <xsl:with-param name="one" select="'operational goal'"/>
              </xsl:call-template>
              <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$t/@source | $t/goal/@source"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="cite"><xsl:with-param name="ids" select="$t/@source"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>.</xsl:text>
        </item>
        <item><xsl:call-template name="actions-sentence"/></item>
        <xsl:if test="$n-acts &gt; 0">
          <item><xsl:call-template name="members-sentence"/></item>
        </xsl:if>
        <item><xsl:call-template name="measures-sentence"/></item>
        <xsl:if test="$t/goal and not($any-indicators)">
          <item>
            <xsl:text>No indicators are recorded in this dataset, so progress towards the target's </xsl:text>
            <xsl:choose>
              <xsl:when test="count($t/goal) = 1">operational goal</xsl:when>
              <xsl:otherwise>operational goals</xsl:otherwise>
            </xsl:choose>
            <xsl:text> cannot be measured.</xsl:text>
          </item>
        </xsl:if>
      </list>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="the-target">
    <section id="target">
      <title>The target</title>
      <p>
        <xsl:text>Target </xsl:text>
        <xsl:value-of select="$t/@number"/>
        <xsl:text>, "</xsl:text>
        <xsl:value-of select="normalize-space($t/short)"/>
        <xsl:text>",</xsl:text>
        <xsl:call-template name="one-of-targets"/>
        <xsl:text>. It reads:</xsl:text>
      </p>
      <quote>
        <xsl:for-each select="$t"><xsl:call-template name="target-wording"/></xsl:for-each>
      </quote>
      <xsl:choose>
        <xsl:when test="$t/goal">
          <p>
            <xsl:choose>
              <xsl:when test="count($t/goal) = 1">Its operational goal:</xsl:when>
              <xsl:otherwise>Its operational goals:</xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:apply-templates select="$t" mode="goals"/>
        </xsl:when>
        <xsl:otherwise>
          <p>This dataset holds no operational goal for this target.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$targets[count(. | $t) != 1]">
        <p>
          <xsl:text>The other targets are </xsl:text>
          <xsl:for-each select="$targets[count(. | $t) != 1]">
            <xsl:sort select="@number" data-type="number"/>
            <xsl:if test="position() &gt; 1">
              <xsl:choose>
                <xsl:when test="position() = last()"> and </xsl:when>
                <xsl:otherwise>, </xsl:otherwise>
              </xsl:choose>
            </xsl:if>
            <xsl:call-template name="target-label"/>
          </xsl:for-each>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$targets[count(. | $t) != 1]/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="actions">
    <section id="actions">
      <title>Actions by members</title>
      <p><xsl:call-template name="actions-sentence"/></p>
      <xsl:if test="$n-acts &gt; 0">
        <section id="actions-by-status">
          <title>By status</title>
          <table caption="Recorded actions for this target by status">
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
            </columns>
            <head>
              <row><cell>Status</cell><cell>Actions</cell><cell>Share</cell></row>
            </head>
            <body>
              <xsl:call-template name="status-row">
                <xsl:with-param name="s" select="'planned'"/>
                <xsl:with-param name="group" select="$acts-planned"/>
              </xsl:call-template>
              <xsl:call-template name="status-row">
                <xsl:with-param name="s" select="'ongoing'"/>
                <xsl:with-param name="group" select="$acts-ongoing"/>
              </xsl:call-template>
              <xsl:call-template name="status-row">
                <xsl:with-param name="s" select="'done'"/>
                <xsl:with-param name="group" select="$acts-done"/>
              </xsl:call-template>
              <row>
                <cell><strong>Total</strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-acts, '#,##0')"/></strong></cell>
                <cell><strong>100%</strong></cell>
              </row>
            </body>
          </table>
        </section>
        <!-- One <k v n p o d/> per kind, with the kind's citations when
             the actions cite more than one set of sources; counted from the
             kind attributes of the actions of each status. -->
        <xsl:variable name="ak" select="$acts/@kind"/>
        <xsl:variable name="pk" select="$acts-planned/@kind"/>
        <xsl:variable name="ok" select="$acts-ongoing/@kind"/>
        <xsl:variable name="dk" select="$acts-done/@kind"/>
        <xsl:variable name="all-three" select="$n-planned + $n-ongoing + $n-done = $n-acts"/>
        <xsl:variable name="kinds-rtf">
          <xsl:for-each select="set:distinct($ak)">
            <xsl:variable name="kv" select="string(.)"/>
            <xsl:variable name="p" select="count($pk[. = $kv])"/>
            <xsl:variable name="o" select="count($ok[. = $kv])"/>
            <xsl:variable name="d" select="count($dk[. = $kv])"/>
            <k v="{$kv}" p="{$p}" o="{$o}" d="{$d}">
              <xsl:attribute name="n">
                <xsl:choose>
                  <xsl:when test="$all-three"><xsl:value-of select="$p + $o + $d"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="count($ak[. = $kv])"/></xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:if test="not($one-src)">
                <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$acts[@kind = $kv]/@source"/></xsl:call-template>
              </xsl:if>
            </k>
          </xsl:for-each>
        </xsl:variable>
        <section id="actions-by-kind">
          <title>By kind</title>
          <table caption="Recorded actions for this target by kind and status">
            <columns>
              <column align="left"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
              <column align="right" numeric="yes"/>
            </columns>
            <head>
              <row><cell>Kind</cell><cell>Planned</cell><cell>Ongoing</cell><cell>Done</cell><cell>Total</cell></row>
            </head>
            <body>
              <xsl:for-each select="exsl:node-set($kinds-rtf)/k">
                <xsl:sort select="@n" data-type="number" order="descending"/>
                <xsl:sort select="@v"/>
                <row>
                  <cell>
                    <xsl:call-template name="label"><xsl:with-param name="s" select="string(@v)"/></xsl:call-template>
                    <xsl:choose>
                      <xsl:when test="$one-src"><xsl:copy-of select="$acts-cite"/></xsl:when>
                      <xsl:otherwise><xsl:copy-of select="node()"/></xsl:otherwise>
                    </xsl:choose>
                  </cell>
                  <cell><xsl:value-of select="format-number(@p, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@o, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@d, '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(@n, '#,##0')"/></cell>
                </row>
              </xsl:for-each>
            </body>
          </table>
        </section>
        <section id="actions-by-year">
          <title>By year</title>
          <xsl:variable name="years" select="set:distinct($acts/@year)"/>
          <chart kind="bar" title="Recorded actions for this target by year and status" unit="actions">
            <xsl:for-each select="$years">
              <xsl:sort select="." data-type="number"/>
              <category><xsl:value-of select="."/></category>
            </xsl:for-each>
            <xsl:call-template name="year-series">
              <xsl:with-param name="s" select="'planned'"/>
              <xsl:with-param name="ys" select="$acts-planned/@year"/>
              <xsl:with-param name="years" select="$years"/>
            </xsl:call-template>
            <xsl:call-template name="year-series">
              <xsl:with-param name="s" select="'ongoing'"/>
              <xsl:with-param name="ys" select="$acts-ongoing/@year"/>
              <xsl:with-param name="years" select="$years"/>
            </xsl:call-template>
            <xsl:call-template name="year-series">
              <xsl:with-param name="s" select="'done'"/>
              <xsl:with-param name="ys" select="$acts-done/@year"/>
              <xsl:with-param name="years" select="$years"/>
            </xsl:call-template>
          </chart>
          <p>
            <xsl:text>The recorded actions for this target are dated </xsl:text>
            <xsl:if test="count($years) &gt; 1">from </xsl:if>
            <xsl:for-each select="$years">
              <xsl:sort select="." data-type="number"/>
              <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
            </xsl:for-each>
            <xsl:if test="count($years) &gt; 1">
              <xsl:text> to </xsl:text>
              <xsl:for-each select="$years">
                <xsl:sort select="." data-type="number" order="descending"/>
                <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
              </xsl:for-each>
            </xsl:if>
            <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-acts"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </p>
        </section>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The citations of $group, a set of the target's actions. -->
  <xsl:template name="cite-group">
    <xsl:param name="group"/>
    <xsl:choose>
      <xsl:when test="$one-src">
        <xsl:if test="$group"><xsl:copy-of select="$acts-cite"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$group/@source"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A row of the table by status: $s, and $group, its actions. -->
  <xsl:template name="status-row">
    <xsl:param name="s"/>
    <xsl:param name="group"/>
    <xsl:variable name="n" select="count($group)"/>
    <row>
      <cell>
        <xsl:call-template name="label"><xsl:with-param name="s" select="$s"/></xsl:call-template>
        <xsl:call-template name="cite-group"><xsl:with-param name="group" select="$group"/></xsl:call-template>
      </cell>
      <cell><xsl:value-of select="format-number($n, '#,##0')"/></cell>
      <cell>
        <xsl:call-template name="percent">
          <xsl:with-param name="part" select="$n"/>
          <xsl:with-param name="whole" select="$n-acts"/>
        </xsl:call-template>
      </cell>
    </row>
  </xsl:template>

  <!-- A series of the chart by year: the number of actions of status $s
       ($ys: their year attributes) in each of $years. -->
  <xsl:template name="year-series">
    <xsl:param name="s"/>
    <xsl:param name="ys"/>
    <xsl:param name="years"/>
    <series>
      <xsl:attribute name="name">
        <xsl:call-template name="label"><xsl:with-param name="s" select="$s"/></xsl:call-template>
      </xsl:attribute>
      <xsl:for-each select="$years">
        <xsl:sort select="." data-type="number"/>
        <value><xsl:value-of select="count($ys[. = current()])"/></value>
      </xsl:for-each>
    </series>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="measures">
    <section id="measures">
      <title>Measures reported across the Alliance</title>
      <p><xsl:call-template name="measures-sentence"/></p>
      <xsl:if test="$t-measures">
        <list>
          <xsl:apply-templates select="$t-measures" mode="item"/>
        </list>
      </xsl:if>
      <xsl:if test="$general-measures">
        <p>
          <xsl:text>The sources also report </xsl:text>
          <xsl:choose>
            <xsl:when test="count($general-measures) = 1">a measure</xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="count($general-measures)"/>
              <xsl:text> measures</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text> not tied to any target:</xsl:text>
        </p>
        <list>
          <xsl:apply-templates select="$general-measures" mode="item"/>
        </list>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

  <xsl:template name="members">
    <section id="members">
      <title>Members with and without actions</title>
      <p><xsl:call-template name="members-sentence"/></p>
      <xsl:if test="$n-t-members &gt; 0">
        <table caption="Members with recorded actions for this target">
          <columns>
            <column align="left"/>
            <column align="right" numeric="yes"/>
            <column align="right" numeric="yes"/>
            <column align="right" numeric="yes"/>
            <column align="right" numeric="yes"/>
          </columns>
          <head>
            <row><cell>Member</cell><cell>Planned</cell><cell>Ongoing</cell><cell>Done</cell><cell>Total</cell></row>
          </head>
          <body>
            <xsl:for-each select="$t-members">
              <xsl:sort select="count(actions/action/@target[. = $tid])" data-type="number" order="descending"/>
              <xsl:sort select="normalize-space(name)"/>
              <xsl:variable name="ta" select="actions/action/@target[. = $tid]"/>
              <xsl:variable name="st" select="$ta/../@status"/>
              <row>
                <cell>
                  <xsl:value-of select="normalize-space(name)"/>
                  <xsl:if test="designation">
                    <cite ref="{concat($designation-prefix, normalize-space(@code))}"/>
                  </xsl:if>
                  <xsl:if test="not(@status = 'member')"> (not on the members list)</xsl:if>
                  <xsl:choose>
                    <xsl:when test="$one-src"><xsl:copy-of select="$acts-cite"/></xsl:when>
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
          </body>
        </table>
      </xsl:if>
      <xsl:if test="$n-t-members &gt; $n-t-current">
        <xsl:variable name="t-other" select="$t-members[not(@status = 'member')]"/>
        <p>
          <xsl:text>The table includes </xsl:text>
          <xsl:call-template name="names"><xsl:with-param name="nodes" select="$t-other/name"/></xsl:call-template>
          <xsl:text>, which recorded actions for this target but </xsl:text>
          <xsl:choose>
            <xsl:when test="count($t-other) = 1">is</xsl:when>
            <xsl:otherwise>are</xsl:otherwise>
          </xsl:choose>
          <xsl:text> not on the members list of </xsl:text>
          <xsl:value-of select="$as-of-text"/>
          <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$t-other/@source"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ============================================================ -->

</xsl:stylesheet>
