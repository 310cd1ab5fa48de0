#include "config.h"

#include "plugin-runtime.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fd-io.h"

/* ---- sinks --------------------------------------------------------------- */

/* What a file sink gathers before it writes: plugins write a brief in
 * hundreds of small pieces. */
#define SINK_BUFFER 65536

struct ar_sink {
  int fd;    /* -1: memory */
  char *mem; /* the output (memory) or what is not written yet (fd) */
  size_t len, cap;
  size_t bytes;
  int err; /* errno of the first failure */
};

ar_sink *ar_sink_new_fd(int fd) {
  ar_sink *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->fd = fd;
  s->mem = malloc(SINK_BUFFER);
  if (!s->mem) {
    free(s);
    return NULL;
  }
  s->cap = SINK_BUFFER;
  return s;
}

int ar_sink_flush(ar_sink *s) {
  if (!s)
    return -1;
  if (s->err)
    return -1;
  if (s->fd >= 0 && s->len) {
    if (ar_write_all(s->fd, s->mem, s->len) != 0) {
      s->err = errno;
      return -1;
    }
    s->len = 0;
  }
  return 0;
}

ar_sink *ar_sink_new_memory(void) {
  ar_sink *s = calloc(1, sizeof *s);
  if (s)
    s->fd = -1;
  return s;
}

void ar_sink_free(ar_sink *s) {
  if (s) {
    free(s->mem);
    free(s);
  }
}

size_t ar_sink_bytes(const ar_sink *s) { return s ? s->bytes : 0; }
const char *ar_sink_data(const ar_sink *s) { return s && s->fd < 0 ? s->mem : NULL; }
int ar_sink_errno(const ar_sink *s) { return s ? s->err : EINVAL; }

int ar_sink_write(ar_sink *s, const void *data, size_t len) {
  if (!s)
    return -1;
  if (s->err)
    return -1;
  if (s->fd < 0) {
    if (s->len + len > s->cap) {
      size_t cap = s->cap ? s->cap : 4096;
      while (cap < s->len + len)
        cap *= 2;
      char *grown = realloc(s->mem, cap);
      if (!grown) {
        s->err = ENOMEM;
        return -1;
      }
      s->mem = grown;
      s->cap = cap;
    }
    memcpy(s->mem + s->len, data, len);
    s->len += len;
  } else if (s->len + len <= s->cap) {
    memcpy(s->mem + s->len, data, len);
    s->len += len;
  } else if (ar_sink_flush(s) != 0) {
    return -1;
  } else if (len < s->cap) {
    memcpy(s->mem, data, len);
    s->len = len;
  } else if (ar_write_all(s->fd, data, len) != 0) {
    s->err = errno;
    return -1;
  }
  s->bytes += len;
  return 0;
}

int ar_sink_puts(ar_sink *s, const char *text) {
  return text ? ar_sink_write(s, text, strlen(text)) : 0;
}

int ar_sink_printf(ar_sink *s, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return -1;
  if ((size_t)n < sizeof small)
    return ar_sink_write(s, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big) {
    if (s && !s->err)
      s->err = ENOMEM;
    return -1;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = ar_sink_write(s, big, (size_t)n);
  free(big);
  return rc;
}

/* ---- errors -------------------------------------------------------------- */

struct ar_error {
  char *message;
  char *option;             /* the option whose value failed, or NULL */
  char *warnings[AR_MAX_WARNINGS];
  size_t nwarnings, dropped; /* kept; given beyond AR_MAX_WARNINGS */
};

ar_error *ar_error_new(void) { return calloc(1, sizeof(ar_error)); }

void ar_error_free(ar_error *err) {
  if (err) {
    ar_error_clear(err);
    free(err);
  }
}

void ar_error_setv(ar_error *err, const char *fmt, va_list ap) {
  if (!err || err->message)
    return;
  if (vasprintf(&err->message, fmt, ap) < 0)
    err->message = NULL;
}

void ar_error_set(ar_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ar_error_setv(err, fmt, ap);
  va_end(ap);
}

void ar_error_set_option(ar_error *err, const char *key, const char *fmt, ...) {
  if (!err || err->message)
    return;
  va_list ap;
  va_start(ap, fmt);
  ar_error_setv(err, fmt, ap);
  va_end(ap);
  if (err->message && key)
    err->option = strdup(key);
}

void ar_warn(ar_error *err, const char *fmt, ...) {
  if (!err)
    return;
  if (err->nwarnings == AR_MAX_WARNINGS) {
    err->dropped++;
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  char *text;
  if (vasprintf(&text, fmt, ap) >= 0)
    err->warnings[err->nwarnings++] = text;
  va_end(ap);
}

int ar_error_is_set(const ar_error *err) { return err && err->message; }
const char *ar_error_message(const ar_error *err) { return err ? err->message : NULL; }
const char *ar_error_option(const ar_error *err) { return err && err->message ? err->option : NULL; }
size_t ar_error_warning_count(const ar_error *err) { return err ? err->nwarnings : 0; }
const char *ar_error_warning(const ar_error *err, size_t i) {
  return err && i < err->nwarnings ? err->warnings[i] : NULL;
}
size_t ar_error_warnings_dropped(const ar_error *err) { return err ? err->dropped : 0; }

void ar_error_clear(ar_error *err) {
  if (!err)
    return;
  free(err->message);
  free(err->option);
  for (size_t i = 0; i < err->nwarnings; i++)
    free(err->warnings[i]);
  err->message = err->option = NULL;
  err->nwarnings = err->dropped = 0;
}

/* ---- options -------------------------------------------------------------- */

struct ar_options {
  char **keys, **values;
  size_t n;
};

ar_options *ar_options_new(void) { return calloc(1, sizeof(ar_options)); }

void ar_options_free(ar_options *o) {
  if (!o)
    return;
  for (size_t i = 0; i < o->n; i++) {
    free(o->keys[i]);
    free(o->values[i]);
  }
  free(o->keys);
  free(o->values);
  free(o);
}

int ar_options_set(ar_options *o, const char *key, const char *value) {
  char *v = strdup(value ? value : "");
  if (!v)
    return -1;
  for (size_t i = 0; i < o->n; i++)
    if (strcmp(o->keys[i], key) == 0) {
      free(o->values[i]);
      o->values[i] = v;
      return 0;
    }
  char **k = realloc(o->keys, (o->n + 1) * sizeof *k);
  if (k)
    o->keys = k;
  char **vs = realloc(o->values, (o->n + 1) * sizeof *vs);
  if (vs)
    o->values = vs;
  char *kc = strdup(key);
  if (!k || !vs || !kc) {
    free(kc);
    free(v);
    return -1;
  }
  o->keys[o->n] = kc;
  o->values[o->n] = v;
  o->n++;
  return 0;
}

size_t ar_options_count(const ar_options *o) { return o ? o->n : 0; }
const char *ar_options_key(const ar_options *o, size_t i) {
  return o && i < o->n ? o->keys[i] : NULL;
}

const char *ar_options_get(const ar_options *o, const char *key) {
  for (size_t i = 0; o && key && i < o->n; i++)
    if (strcmp(o->keys[i], key) == 0)
      return o->values[i];
  return NULL;
}

int ar_options_get_bool(const ar_options *o, const char *key, int *out, ar_error *err) {
  const char *v = ar_options_get(o, key);
  if (!v)
    return 0;
  static const char *const yes[] = {"true", "yes", "1", "on"};
  static const char *const no[] = {"false", "no", "0", "off"};
  for (size_t i = 0; i < 4; i++) {
    if (strcasecmp(v, yes[i]) == 0) {
      *out = 1;
      return 0;
    }
    if (strcasecmp(v, no[i]) == 0) {
      *out = 0;
      return 0;
    }
  }
  ar_error_set_option(err, key, "expected true or false");
  return -1;
}

int ar_options_get_long(const ar_options *o, const char *key, long min, long max,
                        long *out, ar_error *err) {
  const char *v = ar_options_get(o, key);
  if (!v)
    return 0;
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (errno || end == v || *end || n < min || n > max) {
    ar_error_set_option(err, key, "expected a whole number from %ld to %ld", min, max);
    return -1;
  }
  *out = n;
  return 0;
}

int ar_options_get_choice(const ar_options *o, const char *key, const char *const *choices,
                          int *out, ar_error *err) {
  const char *v = ar_options_get(o, key);
  if (!v)
    return 0;
  size_t n = 0;
  for (; choices && choices[n]; n++)
    if (strcasecmp(v, choices[n]) == 0 && n <= INT_MAX) {
      *out = (int)n;
      return 0;
    }
  char *list = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&list, &len);
  for (size_t i = 0; f && i < n; i++)
    fprintf(f, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", choices[i]);
  if (f)
    fclose(f);
  ar_error_set_option(err, key, "expected %s", list ? list : "nothing");
  free(list);
  return -1;
}
