# AR_SANITIZERS
# -------------
# --enable-sanitizers builds everything with AddressSanitizer and
# UndefinedBehaviorSanitizer; any finding aborts the program, so a test fails.
AC_DEFUN([AR_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers],
      [build with AddressSanitizer and UndefinedBehaviorSanitizer])],
    [], [enable_sanitizers=no])
  AR_SAN_CFLAGS=
  AR_SAN_LDFLAGS=
  AS_IF([test "x$enable_sanitizers" = xyes], [
    AR_SAN_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    AR_SAN_LDFLAGS="-fsanitize=address,undefined"
    ar_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS $AR_SAN_CFLAGS"
    ar_save_LDFLAGS=$LDFLAGS
    LDFLAGS="$LDFLAGS $AR_SAN_LDFLAGS"
    AC_MSG_CHECKING([whether $CC supports the sanitizers])
    AC_LINK_IFELSE([AC_LANG_PROGRAM([], [return 0;])],
      [AC_MSG_RESULT([yes])],
      [AC_MSG_RESULT([no])
       AC_MSG_ERROR([$CC cannot build with -fsanitize=address,undefined (Debian: apt-get install gcc)])])
    CFLAGS=$ar_save_CFLAGS
    LDFLAGS=$ar_save_LDFLAGS
    AC_DEFINE([AR_SANITIZED], [1], [Define when built with sanitizers.])
  ])
  AM_CONDITIONAL([SANITIZERS], [test "x$enable_sanitizers" = xyes])
  AC_SUBST([AR_SAN_CFLAGS])
  AC_SUBST([AR_SAN_LDFLAGS])
])
