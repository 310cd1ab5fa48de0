/* Fuzzes one writer (AR_PLUGIN_MODULE: text, html, pdf or xml) on a brief
 * document read from the input: through its descriptor as the host uses
 * it, created once per set of options, writing to a memory sink. An
 * input whose last byte is even is rendered with the default options, one
 * whose last byte is odd with a second set chosen to reach other code.
 *
 * Besides crashes, leaks and hangs, a writer fails the harness when it
 * breaks its contract: failing without a reason, writing text that is not
 * UTF-8 (or not ASCII when asked), or (xml) writing a brief that does not
 * read back. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "alliance-report/plugin.h"
#include "brief-input.h"
#include "input-file.h"
#include "lib/plugin-runtime.h"

#define STR2(x) #x
#define STR(x) STR2(x)
#define FORMAT STR(AR_PLUGIN_MODULE)

const ar_plugin *AR_PLUGIN_JOIN(AR_PLUGIN_MODULE, ar_plugin_describe)(void);

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The second set of options of each format (the first is the defaults);
 * `alliance-report render` takes them as -O FORMAT.KEY=VALUE. */
static const char *const variants[][5] = {
    {"text", "width", "20", "ascii", "true"},
    {"html", "standalone", "false", NULL, NULL},
    {"pdf", "paper", "letter", "justify", "true"},
    {"xml", NULL, NULL, NULL, NULL},
};

typedef struct {
  void *state;
  int ascii;
} made;

static const ar_plugin *plugin;
static made states[2];
static size_t nstates;

static void destroy_all(void) {
  for (size_t i = 0; i < nstates; i++)
    plugin->destroy(states[i].state);
}

static void create(const char *const *kv) {
  ar_options *opts = ar_options_new();
  ar_error *err = ar_error_new();
  int ascii = 0;
  for (size_t i = 0; kv && i < 4 && kv[i]; i += 2) {
    ar_options_set(opts, kv[i], kv[i + 1]);
    ascii |= strcmp(kv[i], "ascii") == 0 && strcmp(kv[i + 1], "true") == 0;
  }
  void *state = plugin->create(opts, err);
  if (!state) {
    fprintf(stderr, "fuzz-render-%s: create() failed: %s\n", FORMAT,
            ar_error_message(err) ? ar_error_message(err) : "(no reason)");
    abort();
  }
  states[nstates++] = (made){state, ascii};
  ar_error_free(err);
  ar_options_free(opts);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  fuzz_brief_init();
  plugin = AR_PLUGIN_JOIN(AR_PLUGIN_MODULE, ar_plugin_describe)();
  create(NULL);
  for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
    if (strcmp(variants[i][0], FORMAT) == 0 && variants[i][1])
      create(variants[i] + 1);
  atexit(destroy_all);
  return 0;
}

static void broken(const char *what, const char *out, size_t len) {
  fprintf(stderr, "fuzz-render-%s: %s\n", FORMAT, what);
  fwrite(out, 1, len < 4000 ? len : 4000, stderr);
  fputc('\n', stderr);
  abort();
}

static void check_output(const made *m, const char *out, size_t len) {
  if (plugin->binary)
    return;
  if (u8_check((const uint8_t *)out, len))
    broken("the output is not UTF-8", out, len);
  for (size_t i = 0; m->ascii && i < len; i++)
    if ((unsigned char)out[i] >= 0x80)
      broken("the output asked to be ASCII is not", out, len);
  if (strcmp(FORMAT, "xml") == 0 && !fuzz_brief_valid(out, len))
    broken("the brief written does not read back", out, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_XML_BYTES)
    return -1;
  ar_node *doc = fuzz_brief_read(data, size);
  if (!doc)
    return 0;
  const made *m = &states[(data[size - 1] & 1) % nstates];
  ar_sink *sink = ar_sink_new_memory();
  ar_error *err = ar_error_new();
  if (!sink || !err)
    abort();
  if (plugin->render(m->state, doc, sink, err) == 0)
    check_output(m, ar_sink_data(sink), ar_sink_bytes(sink));
  else if (!ar_error_is_set(err) && !ar_sink_errno(sink))
    broken("render() failed without a reason", ar_sink_data(sink), ar_sink_bytes(sink));
  ar_error_free(err);
  ar_sink_free(sink);
  ar_node_free(doc);
  return 0;
}
