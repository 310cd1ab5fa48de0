/* Fake output plugins for the plugin-host tests, one per FAKE_* choice:
 *   FAKE_WRONG_ABI   a descriptor of ABI major 99
 *   FAKE_NEWER_MINOR a descriptor of ABI 1.99
 *   FAKE_NO_ENTRY    no entry point at all
 *   FAKE_FAILING     render fails with a message
 *   FAKE_SILENT      render succeeds but writes nothing
 *   FAKE_DUPLICATE   claims the name "xml"
 *   FAKE_BAD_OPTION  create refuses any value of its option "level"
 * Without a choice, a working plugin "fakeok" that writes the title. */
#include "config.h"

#include "alliance-report/plugin.h"

#ifndef FAKE_NAME
#define FAKE_NAME "fakeok"
#endif

static void *create(const ar_options *opts, ar_error *err) {
  static int state;
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

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  (void)state;
#if defined FAKE_FAILING
  (void)doc;
  (void)out;
  ar_error_set(err, "the fake plugin fails on purpose");
  return -1;
#elif defined FAKE_SILENT
  (void)doc;
  (void)out;
  (void)err;
  return 0;
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
    .version = "0",
    .summary = "a fake plugin for tests",
    .extension = "fake",
    .media_type = "text/plain",
#ifdef FAKE_BAD_OPTION
    .options = options,
#endif
    .create = create,
    .render = render,
    .destroy = destroy,
};

#ifndef FAKE_NO_ENTRY
AR_PLUGIN_DEFINE { return &descriptor; }
#else
const ar_plugin *fake_descriptor(void);
const ar_plugin *fake_descriptor(void) { return &descriptor; }
#endif
