/* Exit statuses of alliance-report, documented in README.md and --help. */
#ifndef AR_EXIT_CODES_H
#define AR_EXIT_CODES_H

enum {
  AR_EXIT_OK = 0,      /* everything asked for was done */
  AR_EXIT_FAILURE = 1, /* a job failed for a reason other than the data */
  AR_EXIT_USAGE = 2,   /* bad command line: unknown option, command or value */
  AR_EXIT_DATA = 3     /* the data file is unreadable, malformed or invalid */
};

#endif
