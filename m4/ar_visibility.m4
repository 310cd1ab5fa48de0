# AR_VISIBILITY
# -------------
# Sets AR_VISIBILITY_CFLAGS to -fvisibility=hidden when the compiler takes
# it: liballiance-report then exports only what AR_API marks
# (alliance-report/export.h).
AC_DEFUN([AR_VISIBILITY], [
  AC_MSG_CHECKING([whether $CC takes -fvisibility=hidden])
  ar_save_CFLAGS=$CFLAGS
  CFLAGS="$CFLAGS -fvisibility=hidden -Werror"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[__attribute__((visibility("default"))) int f(void);]], [[]])],
    [AR_VISIBILITY_CFLAGS=-fvisibility=hidden; AC_MSG_RESULT([yes])],
    [AR_VISIBILITY_CFLAGS=; AC_MSG_RESULT([no])])
  CFLAGS=$ar_save_CFLAGS
  AC_SUBST([AR_VISIBILITY_CFLAGS])
])
