/* The host side of ar_sink, ar_error and ar_options (alliance-report/plugin.h):
 * how the core makes them and reads them back. */
#ifndef AR_PLUGIN_RUNTIME_H
#define AR_PLUGIN_RUNTIME_H

#include <stdio.h>

#include "alliance-report/plugin.h"

/* A sink that writes to an open file descriptor, through a buffer:
 * ar_sink_flush() writes what is left. fd stays the caller's. */
ar_sink *ar_sink_new_fd(int fd);
/* Writes what a file sink holds. Returns 0, or -1 with the failure
 * recorded (ar_sink_errno()). */
int ar_sink_flush(ar_sink *sink);
/* A sink that collects the output in memory (for tests and checks). */
ar_sink *ar_sink_new_memory(void);
void ar_sink_free(ar_sink *sink);
/* Bytes the plugin has written so far. */
size_t ar_sink_bytes(const ar_sink *sink);
/* The collected output of a memory sink (not terminated), or NULL. */
const char *ar_sink_data(const ar_sink *sink);
/* The errno of the first failed write, or 0. */
int ar_sink_errno(const ar_sink *sink);

ar_error *ar_error_new(void);
void ar_error_free(ar_error *err);
const char *ar_error_message(const ar_error *err); /* NULL when not set */
/* The option key whose value the failure is about (ar_error_set_option),
 * or NULL: then the failure is not a usage error. */
const char *ar_error_option(const ar_error *err);
/* Warnings given with ar_warn(), in order (owned by err), and how many
 * more were given than were kept. */
size_t ar_error_warning_count(const ar_error *err);
const char *ar_error_warning(const ar_error *err, size_t i);
size_t ar_error_warnings_dropped(const ar_error *err);
/* Forgets the failure and the warnings. */
void ar_error_clear(ar_error *err);

/* Options: key=value pairs for one plugin. */
ar_options *ar_options_new(void);
void ar_options_free(ar_options *opts);
/* Adds or replaces key. Returns 0, or -1 when out of memory. */
int ar_options_set(ar_options *opts, const char *key, const char *value);
size_t ar_options_count(const ar_options *opts);
const char *ar_options_key(const ar_options *opts, size_t i);

#endif
