#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "exit-codes.h"
#include "messages.h"

struct ar_diag {
  ar_diag_entry *entries;
  size_t count, capacity;
  size_t errors;
  size_t max_shown;
  size_t past_keep; /* problems only counted, past AR_DIAG_KEEP_MAX */
  size_t lost;      /* problems not recorded for want of memory */
  const char *more_hint;
};

/* Past this many entries further ones are only counted, so that a file
 * with millions of broken lines cannot exhaust memory. */
#define AR_DIAG_KEEP_MAX 100000

ar_diag *ar_diag_new(size_t max_shown) {
  ar_diag *diag = calloc(1, sizeof *diag);
  if (diag)
    diag->max_shown = max_shown;
  return diag;
}

void ar_diag_free(ar_diag *diag) {
  if (!diag)
    return;
  for (size_t i = 0; i < diag->count; i++) {
    free((char *)diag->entries[i].file);
    free((char *)diag->entries[i].message);
  }
  free(diag->entries);
  free(diag);
}

static int same_entry(const ar_diag_entry *e, ar_severity severity,
                      const char *file, long line, long col,
                      const char *message) {
  return e->severity == severity && e->line == line && e->col == col &&
         strcmp(e->file, file) == 0 && strcmp(e->message, message) == 0;
}

void ar_diag_add(ar_diag *diag, ar_severity severity, const char *file,
                 long line, long col, const char *fmt, ...) {
  if (!diag)
    return;
  /* A place in no file means nothing. */
  if (!file || !*file) {
    file = "";
    line = col = 0;
  }
  char *message = NULL;
  va_list ap;
  va_start(ap, fmt);
  int n = vasprintf(&message, fmt, ap);
  va_end(ap);
  if (n < 0)
    message = NULL;
  if (message) {
    size_t len = strlen(message);
    while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == ' '))
      message[--len] = '\0';
  }
  /* libxml2 reports some problems twice through different layers. */
  for (size_t i = diag->count; message && i > 0 && i + 8 > diag->count; i--)
    if (same_entry(&diag->entries[i - 1], severity, file, line, col, message)) {
      free(message);
      return;
    }

  if (severity == AR_ERROR)
    diag->errors++;
  if (diag->count >= AR_DIAG_KEEP_MAX) {
    diag->past_keep++;
    free(message);
    return;
  }
  char *file_copy = message ? strdup(file) : NULL;
  if (file_copy && diag->count == diag->capacity) {
    size_t cap = diag->capacity ? diag->capacity * 2 : 16;
    ar_diag_entry *grown = realloc(diag->entries, cap * sizeof *grown);
    if (grown) {
      diag->entries = grown;
      diag->capacity = cap;
    }
  }
  if (!file_copy || diag->count == diag->capacity) {
    diag->lost++;
    free(file_copy);
    free(message);
    return;
  }
  diag->entries[diag->count++] = (ar_diag_entry){
      .severity = severity,
      .file = file_copy,
      .line = line,
      .col = col,
      .message = message,
  };
}

void ar_diag_set_more_hint(ar_diag *diag, const char *hint) {
  if (diag)
    diag->more_hint = hint;
}

int ar_diag_input_status(const ar_diag *diag) {
  return diag && diag->lost > 0 ? AR_EXIT_FAILURE : AR_EXIT_DATA;
}

size_t ar_diag_count(const ar_diag *diag) { return diag ? diag->count : 0; }

size_t ar_diag_errors(const ar_diag *diag) { return diag ? diag->errors : 0; }

const ar_diag_entry *ar_diag_get(const ar_diag *diag, size_t i) {
  return diag && i < diag->count ? &diag->entries[i] : NULL;
}

int ar_diag_has_error_at(const ar_diag *diag, const char *file, long line) {
  if (!file)
    file = "";
  for (size_t i = 0; diag && i < diag->count; i++) {
    const ar_diag_entry *e = &diag->entries[i];
    if (e->severity == AR_ERROR && e->line == line && strcmp(e->file, file) == 0)
      return 1;
  }
  return 0;
}

static int compare_entries(const void *a, const void *b) {
  const ar_diag_entry *x = *(const ar_diag_entry *const *)a;
  const ar_diag_entry *y = *(const ar_diag_entry *const *)b;
  int c = strcmp(x->file, y->file);
  if (c)
    return c;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  /* Equal positions keep recording order. */
  return x < y ? -1 : x > y;
}

static void print_entry(const ar_diag_entry *e, FILE *out) {
  const char *kind = e->severity == AR_ERROR ? "error" : "warning";
  ar_put_escaped(out, *e->file || e->line > 0 ? e->file : PACKAGE_NAME);
  if (e->line > 0)
    fprintf(out, ":%ld:%ld", e->line, e->col > 0 ? e->col : 1);
  fprintf(out, ": %s: ", kind);
  ar_put_escaped(out, e->message);
  putc('\n', out);
}

/* The entries sorted, or in recording order when there is no memory to
 * sort them. */
static size_t print_entries(const ar_diag *diag, FILE *out, const char **first_file) {
  const ar_diag_entry **order = malloc((diag->count + 1) * sizeof *order);
  if (order) {
    for (size_t i = 0; i < diag->count; i++)
      order[i] = &diag->entries[i];
    qsort(order, diag->count, sizeof *order, compare_entries);
  }
  size_t shown = 0;
  for (; shown < diag->count && !(diag->max_shown && shown == diag->max_shown); shown++)
    print_entry(order ? order[shown] : &diag->entries[shown], out);
  *first_file = !diag->count ? "" : order ? order[0]->file : diag->entries[0].file;
  free(order);
  return shown;
}

size_t ar_diag_print(const ar_diag *diag, FILE *out) {
  if (!diag)
    return 0;
  const char *first_file;
  size_t shown = print_entries(diag, out, &first_file);
  size_t hidden = diag->count - shown;
  if (hidden || diag->past_keep) {
    ar_put_escaped(out, *first_file ? first_file : PACKAGE_NAME);
    fprintf(out, ": note: %zu more problems not shown", hidden + diag->past_keep);
    if (hidden && diag->more_hint)
      fprintf(out, " (%s)", diag->more_hint);
    if (diag->past_keep)
      fprintf(out, "; past %d problems the rest are only counted", AR_DIAG_KEEP_MAX);
    putc('\n', out);
  }
  if (diag->lost)
    fprintf(out, "%s: error: out of memory: %zu problems could not be recorded\n",
            PACKAGE_NAME, diag->lost);
  return diag->errors;
}
