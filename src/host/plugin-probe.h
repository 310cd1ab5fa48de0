/* plugin-probe.h: running plugin code in a throw-away process first, since
 * it can crash (a truncated library gives SIGBUS inside dlopen, a
 * constructor may abort) or never return, and would take the command with
 * it. */
#ifndef AR_PLUGIN_PROBE_H
#define AR_PLUGIN_PROBE_H

#include <stddef.h>

#include "plugin-host.h"

/* Seconds a probe of loading a module, and of starting a format (which
 * may read fonts), may take before it is killed. */
#define AR_PROBE_LOAD_SECONDS 10
#define AR_PROBE_START_SECONDS 30

/* Runs fn(arg) in a forked process with its standard output sent to
 * /dev/null, that a crash ends by its signal (even where a sanitizer would
 * catch it), that dies with this process, and that is killed after
 * seconds. Returns 0 when fn returned and the process ended by itself, or
 * -1 with why the process did not get there in why: "crashed (signal 6,
 * Aborted)", "did not end within 10 s" or "ended the process (status 1)",
 * followed by ", saying: LINE" with the first line the process wrote on
 * its standard error, if any (a library built with a sanitizer says there
 * why it cannot be loaded). Also 0 when no process can be forked: the
 * caller then goes on without a probe. */
int ar_probe_run(void (*fn)(void *arg), void *arg, unsigned seconds, char *why, size_t size);

/* Finds the plugin called name with host and starts it with the -O
 * options, in a probe. Returns 0 when that worked or failed cleanly (this
 * process then does the same and reports any error), or -1 when the
 * process crashed or hung, with the reason in why. */
int ar_plugin_probe(ar_plugin_host *host, const char *name, const char *const *options,
                    size_t nopts, char *why, size_t size);

#endif
