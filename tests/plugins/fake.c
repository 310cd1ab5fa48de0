/* Fake output plugins for the plugin-host tests, one per FAKE_* choice:
 *   FAKE_WRONG_ABI   a descriptor of ABI major 99
 *   FAKE_NEWER_MINOR a descriptor of ABI 1.99
 *   FAKE_NO_ENTRY    no entry point at all
 *   FAKE_FAILING     render fails with a message
 *   FAKE_SILENT      render succeeds but writes nothing
 *   FAKE_WHOAMI      writes the brief's kind, subject and language, and
 *                    gives a warning (ar_warn)
 *   FAKE_DUPLICATE   claims the name "xml"
 *   FAKE_BAD_OPTION  create refuses any value of its option "level"
 * and, for the batch tests, plugins that misbehave while rendering:
 *   FAKE_CRASH       dies of SIGSEGV
 *   FAKE_HANG        never returns
 *   FAKE_EXIT        exits the process with status 0, writing nothing
 *   FAKE_HALF        writes part of its output, then aborts
 *   FAKE_HOG         allocates and touches memory until it gets none
 *   FAKE_SLOW        sleeps $AR_FAKE_SLEEP seconds (default 2), then
 *                    writes the title
 * These misbehave only on briefs whose title holds $AR_FAKE_ONLY when it
 * is set, and write the title otherwise. Plugins that misbehave as soon as
 * they are loaded:
 *   FAKE_CTOR_ABORT  a constructor that aborts
 *   FAKE_CTOR_HANG   a constructor that never returns
 *   FAKE_CTOR_SAYS   a constructor that says why on stderr and exits 1 (as
 *                    a library built with a sanitizer does)
 *   FAKE_ENTRY_CRASH an entry point that dies of SIGSEGV
 *   FAKE_CREATE_CRASH a create() that dies of SIGSEGV
 * and one whose strings hold terminal controls: FAKE_CONTROLS.
 * Without a choice, a working plugin "fakeok" that writes the title. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "alliance-report/plugin.h"

#ifndef FAKE_NAME
#define FAKE_NAME "fakeok"
#endif
#ifndef FAKE_EXT
#define FAKE_EXT "fake"
#endif

static void *create(const ar_options *opts, ar_error *err) {
  static int state;
#if defined FAKE_CREATE_CRASH
  signal(SIGSEGV, SIG_DFL); /* a plain crash, not a sanitizer's report */
  raise(SIGSEGV);
#endif
#ifdef FAKE_BAD_OPTION
  long level = 1;
  if (ar_options_get_long(opts, "level", 1, 3, &level, err) != 0)
    return NULL;
#else
  (void)opts;
  (void)err;
#endif
  return &state;
}

#if defined FAKE_CTOR_ABORT
__attribute__((constructor)) static void abort_on_load(void) { abort(); }
#elif defined FAKE_CTOR_SAYS
__attribute__((constructor)) static void say_and_exit_on_load(void) {
  fputs("fake: this library cannot be loaded into this program\nsecond line\n", stderr);
  _exit(1);
}
#elif defined FAKE_CTOR_HANG
__attribute__((constructor)) static void hang_on_load(void) {
  for (;;)
    pause();
}
#endif

#if defined FAKE_CRASH || defined FAKE_HANG || defined FAKE_EXIT || defined FAKE_HALF || \
    defined FAKE_HOG || defined FAKE_SLOW
#define FAKE_MISBEHAVES 1
static int misbehave(const ar_node *doc, ar_sink *out, ar_error *err) {
  const char *only = getenv("AR_FAKE_ONLY"), *title = ar_document_title(doc);
  if (only && *only && !(title && strstr(title, only)))
    return ar_sink_printf(out, "%s\n", title);
  (void)err;
#if defined FAKE_CRASH
  signal(SIGSEGV, SIG_DFL); /* a plain crash, not a sanitizer's report */
  raise(SIGSEGV);
#elif defined FAKE_HANG
  for (;;)
    pause();
#elif defined FAKE_EXIT
  exit(0);
#elif defined FAKE_HALF
  for (int i = 0; i < 1000; i++)
    ar_sink_printf(out, "line %d of a brief that will never end\n", i);
  abort();
#elif defined FAKE_SLOW
  const char *sleep_for = getenv("AR_FAKE_SLEEP");
  struct timespec ts = {sleep_for ? atoi(sleep_for) : 2, 0};
  while (nanosleep(&ts, &ts) != 0)
    ;
  return ar_sink_printf(out, "%s\n", title);
#elif defined FAKE_HOG
  for (size_t total = 0; total < ((size_t)64 << 30); total += (size_t)64 << 20) {
    char *p = malloc((size_t)64 << 20);
    if (!p) {
      ar_error_set(err, "out of memory after %zu MiB", total >> 20);
      return -1;
    }
    memset(p, 1, (size_t)64 << 20);
  }
#endif
  return -1;
}
#endif

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  (void)state;
#if defined FAKE_MISBEHAVES
  return misbehave(doc, out, err);
#elif defined FAKE_FAILING
  (void)doc;
  (void)out;
  ar_error_set(err, "the fake plugin fails on purpose");
  return -1;
#elif defined FAKE_SILENT
  (void)doc;
  (void)out;
  (void)err;
  return 0;
#elif defined FAKE_WHOAMI
  ar_warn(err, "a warning about %s", ar_document_title(doc));
  const char *kind = ar_document_kind(doc), *subject = ar_document_subject(doc);
  return ar_sink_printf(out, "kind=%s subject=%s language=%s\n", kind ? kind : "-",
                        subject ? subject : "-", ar_document_language(doc));
#else
  (void)err;
  return ar_sink_printf(out, "%s\n", ar_document_title(doc));
#endif
}

static void destroy(void *state) { (void)state; }

#ifdef FAKE_BAD_OPTION
static const ar_plugin_option options[] = {
    {"level", "1..3", "how much to write"},
    {NULL, NULL, NULL},
};
#elif defined FAKE_CONTROLS
/* ESC and CSI sequences (7-bit, as UTF-8 C1 and as a raw byte), a bell and
 * a line feed, in every string the plugins table prints. */
#define CONTROLS "\033[2J\xc2\x9b" "31m\x9b" "1;1H\a\nforged line"
static const ar_plugin_option options[] = {
    {"mode" CONTROLS, "N" CONTROLS, "what it does" CONTROLS},
    {NULL, NULL, NULL},
};
#endif

static const ar_plugin descriptor = {
#if defined FAKE_WRONG_ABI
    .abi_major = 99,
#else
    .abi_major = AR_PLUGIN_ABI_MAJOR,
#endif
#if defined FAKE_NEWER_MINOR
    .abi_minor = 99,
#else
    .abi_minor = AR_PLUGIN_ABI_MINOR,
#endif
    .struct_size = sizeof(ar_plugin),
    .name = FAKE_NAME,
#ifdef FAKE_CONTROLS
    .version = "0" CONTROLS,
    .summary = "a fake plugin for tests" CONTROLS,
    .library = "libfake" CONTROLS,
#else
    .version = "0",
    .summary = "a fake plugin for tests",
#endif
    .extension = FAKE_EXT,
    .media_type = "text/plain",
#if defined FAKE_BAD_OPTION || defined FAKE_CONTROLS
    .options = options,
#endif
    .create = create,
    .render = render,
    .destroy = destroy,
};

#if defined FAKE_ENTRY_CRASH
AR_PLUGIN_DEFINE {
  signal(SIGSEGV, SIG_DFL); /* a plain crash, not a sanitizer's report */
  raise(SIGSEGV);
  return &descriptor;
}
#elif !defined FAKE_NO_ENTRY
AR_PLUGIN_DEFINE { return &descriptor; }
#else
const ar_plugin *fake_descriptor(void);
const ar_plugin *fake_descriptor(void) { return &descriptor; }
#endif
