/* alliance-report/plugin.h: the interface between alliance-report and its
 * output plugins. Every output format, the built-in ones included, is a
 * libltdl module that exports one function, declared with
 * AR_PLUGIN_DEFINE(), returning a constant descriptor of the format.
 *
 * A plugin reads the brief only through alliance-report/document.h, writes
 * only to the sink it is given (it never chooses file names), and reports
 * failures through the error object it is given (it never calls exit()).
 *
 * Out-of-tree plugins: compile with `pkg-config --cflags
 * alliance-report-plugin`, define AR_PLUGIN_MODULE as the module's file
 * name without extension, link with `pkg-config --libs
 * alliance-report-plugin` and libtool's -module -avoid-version
 * -no-undefined, and install into `pkg-config --variable=plugindir
 * alliance-report-plugin`. See doc/plugins.md.
 */
#ifndef ALLIANCE_REPORT_PLUGIN_H
#define ALLIANCE_REPORT_PLUGIN_H

#include "export.h"

#include <stdarg.h>
#include <stddef.h>

#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A plugin built against major M minor N loads into a host of major M and
 * minor >= N. A minor version adds (functions, fields at the end of
 * ar_plugin, node types and words at the end of their enums); a major
 * version changes or removes. The library's -version-info follows: a
 * minor version adds an interface (current+1, revision 0, age+1), a major
 * one breaks them (current+1, revision 0, age 0).
 *
 * 1.0: the first. 1.1: ar_warn(), ar_error_set_option(),
 * ar_options_get_choice(), ar_document_kind(), ar_document_subject().
 *
 * Conventions: functions returning int return 0 on success and -1 on
 * failure, unless they answer a question (ar_error_is_set: 1 or 0). The
 * one exception, kept for ABI 1: the tree builders of document.h (the
 * setters and ar_node_append, for readers of brief XML and tests, not for
 * plugins) return 1 when the change was made and 0 when not;
 * accessors return NULL or 0 for a node of another type; strings and
 * nodes a function returns belong to their owner named in the comment. */
#define AR_PLUGIN_ABI_MAJOR 1
#define AR_PLUGIN_ABI_MINOR 1

/* ---- what the host gives a plugin ------------------------------------------ */

/* Where output goes. Owned by the host. */
typedef struct ar_sink ar_sink;

/* Write to the sink. Return 0, or -1 when the output failed; the failure is
 * recorded by the host, and the plugin should stop and return -1. */
AR_API int ar_sink_write(ar_sink *sink, const void *data, size_t len);
AR_API int ar_sink_puts(ar_sink *sink, const char *text);
AR_API int ar_sink_printf(ar_sink *sink, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A failure to report. Owned by the host. */
typedef struct ar_error ar_error;

/* Records the failure's message (the host adds the plugin's name). Only the
 * first message is kept. */
AR_API void ar_error_set(ar_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
AR_API void ar_error_setv(ar_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
AR_API int ar_error_is_set(const ar_error *err);
/* Records a failure caused by the value given for the option key (without
 * the "plugin." prefix), as the option getters below do: "expected a4 or
 * letter". When create() fails so, the host says once, before any brief
 * is written, "-O plugin.key=value: expected a4 or letter", and the
 * command ends with the usage status 2. Since 1.1. */
AR_API void ar_error_set_option(ar_error *err, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A warning: something the user should know that does not stop the brief
 * (a value shown shortened, a feature the format cannot show). The host
 * prints it on standard error with the plugin's name and, for render(),
 * the brief's file, after the call returns. The first AR_MAX_WARNINGS of
 * one call of create() or render() are kept; the others are counted.
 * Since 1.1. */
#define AR_MAX_WARNINGS 16
AR_API void ar_warn(ar_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The options given with -O PLUGIN.KEY=VALUE, restricted to the keys the
 * plugin declares. Owned by the host. */
typedef struct ar_options ar_options;

/* The value given for key (without the "plugin." prefix), or NULL. */
AR_API const char *ar_options_get(const ar_options *opts, const char *key);
/* Reads a boolean (true/false, yes/no, 1/0, on/off) into *out, which keeps
 * its value when the key is not given. Returns 0, or -1 with err set. */
AR_API int ar_options_get_bool(const ar_options *opts, const char *key, int *out,
                        ar_error *err);
/* Reads a whole number in [min, max] into *out, likewise. */
AR_API int ar_options_get_long(const ar_options *opts, const char *key, long min,
                        long max, long *out, ar_error *err);
/* Reads one of choices (a NULL-terminated list; ASCII case ignored) into
 * *out as its index, likewise; any other value fails naming them all
 * ("expected a4 or letter"). Since 1.1. */
AR_API int ar_options_get_choice(const ar_options *opts, const char *key,
                          const char *const *choices, int *out, ar_error *err);

/* ---- what a plugin gives the host ------------------------------------------- */

typedef struct {
  const char *key;         /* "width" */
  const char *value_hint;  /* "N", "true|false", "PATH" */
  const char *description; /* one line */
} ar_plugin_option;

typedef struct ar_plugin {
  unsigned abi_major;      /* AR_PLUGIN_ABI_MAJOR */
  unsigned abi_minor;      /* AR_PLUGIN_ABI_MINOR */
  size_t struct_size;      /* sizeof (ar_plugin) */
  const char *name;        /* format name, equal to the module name: "text" */
  const char *version;     /* the plugin's version */
  const char *summary;     /* one line: "plain text, wrapped at 72 columns" */
  const char *extension;   /* of the files written, without dot: "txt" */
  const char *media_type;  /* "text/plain; charset=utf-8" */
  int binary;              /* nonzero when the output is not text */
  const char *library;     /* the library behind it and its version, or NULL */
  const ar_plugin_option *options; /* ends with a {NULL} entry; may be NULL */

  /* Prepares a rendering with the given options. Returns the plugin's state
   * (never NULL on success; return a static object if there is none), or
   * NULL with err set. */
  void *(*create)(const ar_options *opts, ar_error *err);
  /* Writes doc, a finished DOCUMENT, to out. Returns 0, or -1 with err set
   * (or with the sink's failure recorded). May be called more than once. */
  int (*render)(void *state, const ar_node *doc, ar_sink *out, ar_error *err);
  /* Frees what create() made. */
  void (*destroy)(void *state);
} ar_plugin;

/* The one symbol a module exports: AR_PLUGIN_DEFINE { return &desc; }.
 * libltdl finds it as <module>_LTX_ar_plugin_describe, so that modules
 * linked into one program (a build without shared libraries) stay apart. */
#define AR_PLUGIN_SYMBOL "ar_plugin_describe"
#define AR_PLUGIN_JOIN2(module, sym) module##_LTX_##sym
#define AR_PLUGIN_JOIN(module, sym) AR_PLUGIN_JOIN2(module, sym)
#if !defined AR_PLUGIN_MODULE && !defined AR_PLUGIN_HOST
#error "define AR_PLUGIN_MODULE as the module's file name without extension, a C identifier (cc -DAR_PLUGIN_MODULE=markdown for markdown.so); the host defines AR_PLUGIN_HOST instead"
#endif
#ifdef AR_PLUGIN_MODULE
#define AR_PLUGIN_DEFINE                                                      \
  const ar_plugin *AR_PLUGIN_JOIN(AR_PLUGIN_MODULE, ar_plugin_describe)(void); \
  const ar_plugin *AR_PLUGIN_JOIN(AR_PLUGIN_MODULE, ar_plugin_describe)(void)
#endif

typedef const ar_plugin *(*ar_plugin_describe_fn)(void);

#ifdef __cplusplus
}
#endif

#endif
