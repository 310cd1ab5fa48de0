/* messages.h: how the program tells its user about a problem: one line on
 * standard error, "alliance-report CMD: MESSAGE" ("alliance-report:
 * MESSAGE" before a command is known). Control characters in MESSAGE are
 * escaped, so that data quoted in a message can neither forge more lines
 * nor send the terminal escape sequences. Problems found in input files
 * are collected in an ar_diag instead (diag.h). */
#ifndef AR_MESSAGES_H
#define AR_MESSAGES_H

#include <stdio.h>

/* Names the command in the messages that follow; name is borrowed and must
 * outlive them (main() passes the command's own name). NULL: none. */
void ar_msg_set_command(const char *name);

/* "alliance-report CMD: MESSAGE". */
void ar_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, with MESSAGE in red when color is true (stderr is a colour
 * terminal). */
void ar_msg_error_color(int color, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "alliance-report CMD: warning: MESSAGE". */
void ar_msg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error about the command line, then "Try 'alliance-report CMD --help'
 * for more information."; returns AR_EXIT_USAGE. */
int ar_msg_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes text to out with each control character and DEL written as \n,
 * \t or \xNN. */
void ar_put_escaped(FILE *out, const char *text);

#endif
