/* messages.h: how the program tells its user about a problem: one line on
 * standard error, "alliance-report CMD: MESSAGE" ("alliance-report:
 * MESSAGE" before a command is known). Control characters in MESSAGE are
 * escaped (ar_put_escaped()), so that data quoted in a message can neither forge more lines
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

/* Writes text to out so that a terminal shows it and does nothing else:
 * newline and tab as \n and \t, the other C0 controls, DEL and each byte
 * that is not part of well-formed UTF-8 (such as a raw 0x9b, a CSI on some
 * terminals) as \xNN, the C1 controls U+0080 to U+009F, the line and
 * paragraph separators U+2028 and U+2029 and the directional embeddings,
 * overrides and isolates (U+202A to U+202E, U+2066 to U+2069) as \uNNNN;
 * other UTF-8 as it is. Returns how many bytes it wrote. */
size_t ar_put_escaped(FILE *out, const char *text);

#endif
