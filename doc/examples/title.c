/* title.c: an out-of-tree output plugin that writes the brief's title.
 * Built and run by "make installcheck" against the installed
 * alliance-report, as doc/plugins.md describes. */
#include <alliance-report/plugin.h>

static void *create(const ar_options *opts, ar_error *err) {
  static int state;
  (void)opts;
  (void)err;
  return &state;
}

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  (void)state;
  (void)err;
  return ar_sink_printf(out, "%s\n", ar_document_title(doc));
}

static void destroy(void *state) { (void)state; }

static const ar_plugin descriptor = {
    .abi_major = AR_PLUGIN_ABI_MAJOR,
    .abi_minor = AR_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(ar_plugin),
    .name = "title",
    .version = "1.0",
    .summary = "the title of the brief, alone",
    .extension = "title",
    .media_type = "text/plain; charset=utf-8",
    .create = create,
    .render = render,
    .destroy = destroy,
};

AR_PLUGIN_DEFINE { return &descriptor; }
