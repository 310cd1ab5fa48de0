<?xml version="1.0" encoding="UTF-8"?>
<!-- target.xsl: a ministerial brief on one policy target of the Alliance.

     Parameters (strings):
       target      the target's id, such as victims (required)
       marking     a protective marking, such as OFFICIAL
       generator   the program's name and version

     Runs once per target; every pass over the members or actions is linear
     (a key on the actions' target; the few kinds, statuses and years are
     taken with set:distinct). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    xmlns:set="http://exslt.org/sets"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="exsl set str">

  <xsl:include href="common.xsl"/>

  <!-- Look sources up with a key only when there are many (common.xsl). -->
  <xsl:variable name="source-key" select="count($sources) &gt; 50"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="target" select="''"/>

  <!-- No xsl:key is used on the data: the first key() call indexes every
       node of the document, which costs more than the linear passes below. -->

  <xsl:variable name="t" select="$targets[@id = normalize-space($target)][1]"/>
  <xsl:variable name="tid" select="string($t/@id)"/>
  <xsl:variable name="members" select="(/alliance/members/member)"/>
  <xsl:variable name="current" select="$members[@status = 'member']"/>
  <xsl:variable name="n-current" select="count($current)"/>
  <xsl:variable name="actions" select="$members/actions/action"/>
  <xsl:variable name="acts" select="$actions[@target = $tid]"/>
  <xsl:variable name="n-acts" select="count($acts)"/>
  <xsl:variable name="n-all-actions" select="count($actions)"/>
  <xsl:variable name="src-acts">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$acts/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="src-current">
    <xsl:call-template name="ids-of"><xsl:with-param name="nodes" select="$current/@source"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="any-indicators" select="boolean($members/indicators/indicator)"/>
  <!-- Members with actions for this target, on the list or not. -->
  <xsl:variable name="t-members" select="$members[actions/action/@target = $tid]"/>
  <xsl:variable name="t-current" select="$t-members[@status = 'member']"/>
  <xsl:variable name="t-other" select="$t-members[not(@status = 'member')]"/>
  <xsl:variable name="n-without" select="$n-current - count($t-current)"/>
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
        <xsl:call-template name="status-phrase"><xsl:with-param name="actions" select="$acts"/></xsl:call-template>
        <xsl:call-template name="cite"><xsl:with-param name="ids" select="$src-acts"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="members-sentence">
    <xsl:choose>
      <xsl:when test="count($t-current) = 0">
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
            <xsl:call-template name="n"><xsl:with-param name="n" select="count($t-current)"/></xsl:call-template>
            <xsl:text> of the </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="$n-current"/>
              <xsl:with-param name="one" select="'member'"/>
            </xsl:call-template>
            <xsl:text> on the list of </xsl:text>
            <xsl:value-of select="$as-of-text"/>
            <xsl:choose>
              <xsl:when test="count($t-current) = 1"> has</xsl:when>
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
              <xsl:for-each select="$statuses">
                <xsl:variable name="s" select="string(.)"/>
                <xsl:variable name="n" select="count($acts[@status = $s])"/>
                <row>
                  <cell>
                    <xsl:call-template name="label"><xsl:with-param name="s" select="$s"/></xsl:call-template>
                    <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$acts[@status = $s]/@source"/></xsl:call-template>
                  </cell>
                  <cell><xsl:value-of select="format-number($n, '#,##0')"/></cell>
                  <cell>
                    <xsl:call-template name="percent">
                      <xsl:with-param name="part" select="$n"/>
                      <xsl:with-param name="whole" select="$n-acts"/>
                    </xsl:call-template>
                  </cell>
                </row>
              </xsl:for-each>
              <row>
                <cell><strong>Total</strong></cell>
                <cell><strong><xsl:value-of select="format-number($n-acts, '#,##0')"/></strong></cell>
                <cell><strong>100%</strong></cell>
              </row>
            </body>
          </table>
        </section>
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
              <xsl:for-each select="set:distinct($acts/@kind)">
                <xsl:sort select="count($acts[@kind = current()])" data-type="number" order="descending"/>
                <xsl:sort select="."/>
                <xsl:variable name="k" select="$acts[@kind = current()]"/>
                <row>
                  <cell>
                    <xsl:call-template name="label"><xsl:with-param name="s" select="string(.)"/></xsl:call-template>
                    <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$k/@source"/></xsl:call-template>
                  </cell>
                  <cell><xsl:value-of select="format-number(count($k[@status = 'planned']), '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(count($k[@status = 'ongoing']), '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(count($k[@status = 'done']), '#,##0')"/></cell>
                  <cell><xsl:value-of select="format-number(count($k), '#,##0')"/></cell>
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
            <xsl:for-each select="$statuses">
              <xsl:variable name="s" select="string(.)"/>
              <xsl:variable name="by-status" select="$acts[@status = $s]"/>
              <series>
                <xsl:attribute name="name">
                  <xsl:call-template name="label"><xsl:with-param name="s" select="$s"/></xsl:call-template>
                </xsl:attribute>
                <xsl:for-each select="$years">
                  <xsl:sort select="." data-type="number"/>
                  <value><xsl:value-of select="count($by-status[@year = current()])"/></value>
                </xsl:for-each>
              </series>
            </xsl:for-each>
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
      <xsl:if test="$t-members">
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
              <xsl:sort select="count(actions/action[@target = $tid])" data-type="number" order="descending"/>
              <xsl:sort select="normalize-space(name)"/>
              <xsl:variable name="a" select="actions/action[@target = $tid]"/>
              <row>
                <cell>
                  <xsl:value-of select="normalize-space(name)"/>
                  <xsl:call-template name="designation-cite"/>
                  <xsl:if test="not(@status = 'member')"> (not on the members list)</xsl:if>
                  <xsl:call-template name="cite-nodes"><xsl:with-param name="nodes" select="$a/@source"/></xsl:call-template>
                </cell>
                <cell><xsl:value-of select="count($a[@status = 'planned'])"/></cell>
                <cell><xsl:value-of select="count($a[@status = 'ongoing'])"/></cell>
                <cell><xsl:value-of select="count($a[@status = 'done'])"/></cell>
                <cell><xsl:value-of select="count($a)"/></cell>
              </row>
            </xsl:for-each>
          </body>
        </table>
      </xsl:if>
      <xsl:if test="$t-other">
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
