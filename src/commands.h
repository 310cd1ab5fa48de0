/* The sub-commands of alliance-report. Each takes the arguments after its
 * name (argv[0] is the command name) and returns an exit status from
 * exit-codes.h. */
#ifndef AR_COMMANDS_H
#define AR_COMMANDS_H

int ar_cmd_validate(int argc, char **argv);

#endif
