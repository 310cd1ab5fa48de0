# AR_WARNINGS
# -----------
# Sets AR_WARN_CFLAGS to the warnings the project builds clean with.
AC_DEFUN([AR_WARNINGS], [
  AR_WARN_CFLAGS="-Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter"
  AC_ARG_ENABLE([werror],
    [AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors])],
    [], [enable_werror=no])
  AS_IF([test "x$enable_werror" = xyes], [AR_WARN_CFLAGS="$AR_WARN_CFLAGS -Werror"])
  AC_SUBST([AR_WARN_CFLAGS])
])
