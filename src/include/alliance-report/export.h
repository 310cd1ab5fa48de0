/* alliance-report/export.h: AR_API marks the functions liballiance-report
 * exports, the interface plugins use (document.h, layout.h, plugin.h).
 * The library is compiled with -fvisibility=hidden and AR_BUILDING_LIBRARY,
 * so that nothing else of it, the program's own functions included, is
 * part of its ABI. */
#ifndef ALLIANCE_REPORT_EXPORT_H
#define ALLIANCE_REPORT_EXPORT_H

#if defined AR_BUILDING_LIBRARY && defined __GNUC__
#define AR_API __attribute__((visibility("default")))
#else
#define AR_API
#endif

#endif
