/* Output formats chosen on the command line: the plugins that write them
 * and the -O PLUGIN.KEY=VALUE options given to each. */
#ifndef AR_FORMATS_H
#define AR_FORMATS_H

#include <stdint.h>

#include "alliance-report/document.h"
#include "diag.h"
#include "plugin-host.h"

typedef struct ar_formats ar_formats;

/* Looks up each of the n format names and checks the options against the
 * keys each plugin declares (an option may name a plugin not among the
 * formats; it must still exist). Prints an error message (messages.h)
 * naming what is valid and returns NULL when a name or key is unknown. Free with
 * ar_formats_free(). */
ar_formats *ar_formats_new(ar_plugin_host *host, const char *const *names, size_t n,
                           const char *const *options, size_t nopts);
void ar_formats_free(ar_formats *f);

size_t ar_formats_count(const ar_formats *f);
const ar_loaded_plugin *ar_formats_plugin(const ar_formats *f, size_t i);

/* Creates format i's plugin state (once). Returns 0, or -1 when the
 * plugin refused its options; ar_formats_render() then says why. */
int ar_formats_prepare(ar_formats *f, size_t i);

/* Creates every format's plugin state; when a plugin refuses the value of
 * one of its options (ar_error_set_option), prints it as a usage error
 * and returns AR_EXIT_USAGE, else 0 (other failures are left to the
 * jobs, which report them). Warnings given in create() are printed. */
int ar_formats_check_options(ar_formats *f);

/* Renders doc with format i into fd, after ar_formats_prepare() if it was
 * not called. *written (if not NULL) gets the bytes the plugin wrote.
 * Returns 0, or -1 with the reason in diag under the name what. */
int ar_formats_render(ar_formats *f, size_t i, const ar_node *doc, int fd,
                      const char *what, uint64_t *written, ar_diag *diag);

/* Splits "a,b,c" into a malloc'd array of malloc'd strings; *n gets the
 * count. Empty items are dropped. Free with ar_free_list(). */
char **ar_split_list(const char *text, size_t *n);
void ar_free_list(char **list, size_t n);

#endif
