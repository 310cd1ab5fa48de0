/* plugin-probe.h: loading a plugin in a throw-away process first, since
 * loading can crash (a truncated library gives SIGBUS inside dlopen) and
 * would take the whole batch with it. */
#ifndef AR_PLUGIN_PROBE_H
#define AR_PLUGIN_PROBE_H

#include <stddef.h>

#include "plugin-host.h"

/* Finds the plugin called name with host and starts it with the -O
 * options, in a forked process. Returns 0 when that worked or failed
 * cleanly (this process then does the same and reports any error), or -1
 * when the process crashed or hung, with the reason in why. */
int ar_plugin_probe(ar_plugin_host *host, const char *name, const char *const *options,
                    size_t nopts, char *why, size_t size);

#endif
