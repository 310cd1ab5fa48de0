#include "config.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exit-codes.h"
#include "messages.h"

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
    {"build", ar_cmd_build, "write briefs from Alliance data"},
    {"render", ar_cmd_render, "render a brief written in brief XML"},
    {"plugins", ar_cmd_plugins, "list the output formats"},
    {"validate", ar_cmd_validate, "check Alliance data files and report every problem"},
};

/* libtool generates this list for a program linked with -dlopen. */
extern const lt_dlsymlist lt__PROGRAM__LTX_preloaded_symbols[];

const lt_dlsymlist *ar_program_preloaded(void) { return lt__PROGRAM__LTX_preloaded_symbols; }

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out) {
  fprintf(out,
          "Usage: alliance-report COMMAND [OPTION]... [ARGUMENT]...\n"
          "Write ministerial briefs on the Global Alliance against child sexual\n"
          "abuse online from its data.\n\n"
          "Commands:\n");
  for (size_t i = 0; i < N_COMMANDS; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\n"
          "Options:\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n"
          "\n"
          "'alliance-report COMMAND --help' describes a command.\n"
          "\n"
          "Exit status:\n"
          "  0  success\n"
          "  1  a job failed for a reason other than the data\n"
          "  2  usage error (unknown command, option or value)\n"
          "  3  the data file is unreadable, malformed or invalid\n"
          "\n"
          "Environment:\n"
          "  ALLIANCE_REPORT_DATADIR      folder with the schemas and bundled dataset\n"
          "  ALLIANCE_REPORT_TEMPLATES    folder with the brief templates\n"
          "  ALLIANCE_REPORT_PLUGIN_PATH  folders with output plugins, ':'-separated\n");
}

static void version(void) {
  printf("alliance-report %s\n"
         "Copyright (C) 2026 the alliance-report authors.\n"
         "License MIT: <https://opensource.org/licenses/MIT>.\n"
         "This is free software: you are free to change and redistribute it.\n"
         "There is NO WARRANTY, to the extent permitted by law.\n",
         PACKAGE_VERSION);
}

int main(int argc, char **argv) {
  LTDL_SET_PRELOADED_SYMBOLS();
  if (argc < 2) {
    usage(stderr);
    return AR_EXIT_USAGE;
  }
  const char *arg = argv[1];
  if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 || strcmp(arg, "help") == 0) {
    usage(stdout);
    return AR_EXIT_OK;
  }
  if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
    version();
    return AR_EXIT_OK;
  }
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(arg, commands[i].name) == 0) {
      ar_msg_set_command(commands[i].name);
      return commands[i].run(argc - 1, argv + 1);
    }
  char names[128] = "";
  for (size_t i = 0; i < N_COMMANDS; i++)
    snprintf(names + strlen(names), sizeof names - strlen(names), " %s", commands[i].name);
  return ar_msg_usage("unknown %s '%s'. Commands:%s", arg[0] == '-' ? "option" : "command", arg,
                      names);
}
