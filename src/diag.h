/* Diagnostics: problems found in input files, collected and then printed
 * in document order as "file:line:col: error: message".
 *
 * An ar_diag owns copies of every string given to it; callers keep
 * ownership of what they pass in. */
#ifndef AR_DIAG_H
#define AR_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { AR_WARNING, AR_ERROR } ar_severity;

typedef struct {
  ar_severity severity;
  const char *file; /* never NULL; "" when unknown */
  long line;        /* 1-based; 0 when the problem concerns the whole file */
  long col;         /* 1-based; 0 when unknown */
  const char *message;
} ar_diag_entry;

typedef struct ar_diag ar_diag;

/* Creates a collector that prints at most max_shown entries (0: no cap).
 * Returns NULL when out of memory. Free with ar_diag_free(). */
ar_diag *ar_diag_new(size_t max_shown);
void ar_diag_free(ar_diag *diag);

/* Records one problem at line and col of file. A problem in an input file
 * always names the file; file is NULL or "" only for a problem that
 * concerns no file, and its line and column are then dropped. printf-style
 * message without a trailing newline. Identical entries are recorded once. */
void ar_diag_add(ar_diag *diag, ar_severity severity, const char *file,
                 long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

size_t ar_diag_count(const ar_diag *diag);
size_t ar_diag_errors(const ar_diag *diag);

/* Returns entry i (0-based, in recording order) or NULL when out of range.
 * The pointers inside stay valid until the collector is freed. */
const ar_diag_entry *ar_diag_get(const ar_diag *diag, size_t i);

/* Tells whether an error was recorded at this file (NULL: none) and line. */
int ar_diag_has_error_at(const ar_diag *diag, const char *file, long line);

/* Sets what the note on problems left out by the cap adds in brackets,
 * e.g. "raise --max-errors to see them"; NULL (the default): nothing. The
 * string is not copied and must outlive diag. */
void ar_diag_set_more_hint(ar_diag *diag, const char *hint);

/* The exit status of a command whose input could not be loaded:
 * AR_EXIT_FAILURE when a problem could not be recorded for want of memory
 * (it is counted, and ar_diag_print() says so, but its message is lost,
 * and the input may be good), else AR_EXIT_DATA. */
int ar_diag_input_status(const ar_diag *diag);

/* Prints the entries sorted by file, line and column (in recording order
 * when there is no memory to sort), then a note saying how many were left
 * out by the cap, and an error when some could not be recorded; control
 * characters in file names and messages are escaped (ar_put_escaped()).
 * Returns the number of errors. */
size_t ar_diag_print(const ar_diag *diag, FILE *out);

#endif
