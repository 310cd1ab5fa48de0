/* The sub-commands of alliance-report. Each takes the arguments after its
 * name (argv[0] is the command name) and returns an exit status from
 * exit-codes.h. */
#ifndef AR_COMMANDS_H
#define AR_COMMANDS_H

#include <ltdl.h>

int ar_cmd_validate(int argc, char **argv);
int ar_cmd_build(int argc, char **argv);
int ar_cmd_render(int argc, char **argv);
int ar_cmd_plugins(int argc, char **argv);

/* The plugins linked into the program (a build without shared
 * libraries), for the plugin host. */
const lt_dlsymlist *ar_program_preloaded(void);

#endif
