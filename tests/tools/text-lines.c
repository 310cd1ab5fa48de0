/* text-lines: checks the lines of a UTF-8 text file for the text tests.
 * Prints the widest line's display width (as libunistring measures it) and
 * exits 1 when a line has trailing white space, the file does not end
 * with exactly one newline, or a line is not valid UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: text-lines FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int bad = 0, widest = 0, lineno = 0, last_blank = 0, last_newline = 1;
  while ((len = getline(&line, &cap, f)) > 0) {
    lineno++;
    last_newline = line[len - 1] == '\n';
    if (last_newline)
      line[--len] = '\0';
    if (u8_check((const uint8_t *)line, (size_t)len)) {
      fprintf(stderr, "line %d: not valid UTF-8\n", lineno);
      bad = 1;
      continue;
    }
    if (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
      fprintf(stderr, "line %d: trailing white space\n", lineno);
      bad = 1;
    }
    int w = u8_strwidth((const uint8_t *)line, "UTF-8");
    if (w > widest)
      widest = w;
    last_blank = len == 0;
  }
  if (!last_newline || last_blank) {
    fprintf(stderr, "the file does not end with exactly one newline\n");
    bad = 1;
  }
  free(line);
  fclose(f);
  printf("%d\n", widest);
  return bad;
}
