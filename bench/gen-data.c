/* gen-data: writes a synthetic Alliance data file with N fictional members
 * for tests and benchmarks. The same N and seed give the same bytes.
 *
 * Usage: gen-data N [SEED] > FILE
 *
 * Every name is made up and marked "(fictional)"; codes are "FX-" plus a
 * number, which no country uses. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void) { /* xorshift64* */
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

static const char *const syllables[] = {
    "var", "on", "ia", "bel", "tor", "esk", "mir", "ald", "un", "qua",
    "zen", "ost", "ril", "dav", "ek", "lun", "sor", "pe", "thal", "yx"};
static const char *const regions[] = {"North Test Region", "South Test Region",
                                      "East Test Region", "West Test Region"};
static const char *const targets[] = {"victims", "offenders", "awareness", "availability"};
static const char *const kinds[] = {"legislation", "victim-support", "victim-identification",
                                    "investigation", "police-cooperation",
                                    "industry-cooperation", "awareness", "research"};
static const char *const statuses[] = {"planned", "ongoing", "done"};
static const char *const topics[] = {
    "a national helpline for children and parents",
    "specialised training for investigators in Zürich-style joint teams",
    "victim identification units working with the ICSE database",
    "cooperation agreements with hosting providers &amp; registrars",
    "school programmes on online grooming for pupils aged 9&#8211;14",
    "faster notice-and-takedown procedures",
    "support centres where children are heard once, not five times",
    "a review of criminal law on possession &lt;and&gt; distribution"};
static const char *const flavour[] = {
    "Officials in Łódź-upon-Test and Ærøby met weekly.",
    "The plan was reviewed by the ministry's café-table working group.",
    "Partners from Ørsted Bay and Čakovec Test County took part.",
    "Reports were published in three languages, including Français and Türkçe."};

static void name_of(char *buf, size_t size) {
  size_t used = 0;
  int parts = 2 + (int)pick(2);
  for (int i = 0; i < parts; i++) {
    const char *s = syllables[pick(sizeof syllables / sizeof *syllables)];
    int n = snprintf(buf + used, size - used, "%s", s);
    if (n < 0 || (size_t)n >= size - used)
      break;
    used += (size_t)n;
  }
  if (buf[0] >= 'a' && buf[0] <= 'z')
    buf[0] = (char)(buf[0] - 'a' + 'A');
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3 || strcmp(argv[1], "--help") == 0) {
    fprintf(stderr, "Usage: gen-data N [SEED] > FILE\n"
                    "Writes a synthetic Alliance data file with N fictional members.\n");
    return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
  }
  char *end;
  errno = 0;
  unsigned long n = strtoul(argv[1], &end, 10);
  if (errno || *end || n > 10000000UL) {
    fprintf(stderr, "gen-data: N must be a whole number up to 10000000\n");
    return 2;
  }
  unsigned long long seed = 1;
  if (argc == 3) {
    seed = strtoull(argv[2], &end, 10);
    if (*end) {
      fprintf(stderr, "gen-data: SEED must be a whole number\n");
      return 2;
    }
  }
  state = (seed * 0x9E3779B97F4A7C15ULL) ^ (n + 1);
  if (!state)
    state = 1;

  printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- Synthetic data: %lu fictional members, seed %llu. Written by bench/gen-data. -->\n"
         "<alliance version=\"1.0\" as-of=\"2016-12-31\">\n"
         "  <name>Fictional Test Alliance</name>\n"
         "  <launch date=\"2012-12-05\" place=\"Testville\" source=\"synthetic\"/>\n"
         "  <sources>\n"
         "    <source id=\"synthetic\">\n"
         "      <title>Synthetic data for tests and benchmarks</title>\n"
         "      <publisher>alliance-report bench/gen-data</publisher>\n"
         "    </source>\n"
         "  </sources>\n"
         "  <targets>\n",
         n, seed);
  for (int t = 0; t < 4; t++)
    printf("    <target id=\"%s\" number=\"%d\" source=\"synthetic\">\n"
           "      <short>Test target %d (%s)</short>\n"
           "      <wording source=\"synthetic\">Synthetic wording of test target %d.</wording>\n"
           "    </target>\n",
           targets[t], t + 1, t + 1, targets[t], t + 1);
  printf("  </targets>\n  <members>\n");

  for (unsigned long m = 1; m <= n; m++) {
    char name[64];
    name_of(name, sizeof name);
    int founding = pick(3) != 0;
    int endorsed_only = founding && pick(100) == 0;
    printf("    <member code=\"FX-%05lu\" status=\"%s\" founding=\"%s\" source=\"synthetic\">\n"
           "      <name>%s (fictional)</name>\n"
           "      <region scheme=\"test\" source=\"synthetic\">%s</region>\n",
           m, endorsed_only ? "endorsed-at-launch-only" : "member",
           founding ? "yes" : "no", name, regions[pick(4)]);
    if (pick(2))
      printf("      <eu source=\"synthetic\"/>\n");
    if (founding)
      printf("      <joined date=\"2012-12-05\" source=\"synthetic\"/>\n");
    else
      printf("      <joined date=\"201%u-%02u-%02u\" source=\"synthetic\"/>\n",
             3 + pick(4), 1 + pick(12), 1 + pick(28));
    printf("      <actions>\n");
    for (int a = 1; a <= 8; a++) {
      const char *topic = topics[pick(sizeof topics / sizeof *topics)];
      printf("        <action id=\"a-fx%05lu-%d\" target=\"%s\" year=\"%u\" kind=\"%s\" "
             "status=\"%s\" source=\"synthetic\">\n"
             "          <title>Action %d: %s</title>\n"
             "          <description>%s (fictional) set up %s in %u. %s The work "
             "covered planning, staffing and a first evaluation, and its results "
             "were shared with other test members.</description>\n"
             "        </action>\n",
             m, a, targets[pick(4)], 2013 + pick(4), kinds[pick(8)], statuses[pick(3)],
             a, topic, name, topic, 2013 + pick(4), flavour[pick(4)]);
    }
    printf("      </actions>\n      <indicators>\n");
    for (int y = 2013; y <= 2016; y++) {
      printf("        <indicator name=\"identified-victims\" year=\"%d\" value=\"%u\" "
             "unit=\"victims\" source=\"synthetic\"/>\n",
             y, pick(500));
      printf("        <indicator name=\"reports-received\" year=\"%d\" value=\"%u\" "
             "unit=\"reports\" source=\"synthetic\"/>\n",
             y, 100 + pick(20000));
      printf("        <indicator name=\"awareness-reach\" year=\"%d\" value=\"%u.%u\" "
             "unit=\"percent\" source=\"synthetic\"/>\n",
             y, pick(100), pick(10));
    }
    printf("      </indicators>\n    </member>\n");
  }
  printf("  </members>\n"
         "  <events>\n"
         "    <event id=\"e-launch\" date=\"2012-12-05\" place=\"Testville\" kind=\"launch\" "
         "source=\"synthetic\">\n"
         "      <title>Launch of the fictional test alliance</title>\n"
         "    </event>\n"
         "  </events>\n"
         "</alliance>\n");
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "gen-data: write error: %s\n", strerror(errno));
    return 1;
  }
  return 0;
}
