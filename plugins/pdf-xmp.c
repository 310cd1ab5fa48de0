/* pdf-xmp.c: the document's XMP metadata stream (ISO 16684-1), made from
 * the document information libharu holds, so that the two agree, with the
 * PDF/UA identification (ISO 14289-1, 5) and, for an archival file, the
 * PDF/A one. The stream is not compressed, as PDF/A asks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pdf.h"

/* The text of the document information entry key, or NULL. */
static const char *info_text(pdf_ctx *c, const char *key, HPDF_UINT *len) {
  if (!c->pdf->info)
    return NULL;
  HPDF_String s = HPDF_Dict_GetItem(c->pdf->info, key, HPDF_OCLASS_STRING);
  if (!s)
    return NULL;
  *len = s->len;
  return (const char *)s->value;
}

/* Writes s, len bytes, as XML character data. */
static void put_escaped(FILE *f, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    switch (ch) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    default:
      if (ch >= 0x20 || ch == '\t' || ch == '\n')
        fputc(ch, f);
      break;
    }
  }
}

static void put_entry(pdf_ctx *c, FILE *f, const char *key, const char *open, const char *close) {
  HPDF_UINT len = 0;
  const char *s = info_text(c, key, &len);
  if (!s || len == 0)
    return;
  fputs(open, f);
  put_escaped(f, s, len);
  fputs(close, f);
}

/* "D:20140930000000Z00'00'" as "2014-09-30T00:00:00Z". */
static void put_date(pdf_ctx *c, FILE *f, const char *key, const char *element) {
  HPDF_UINT len = 0;
  const char *s = info_text(c, key, &len);
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!s || len < 10 || sscanf(s, "D:%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &sec) < 3)
    return;
  fprintf(f, "   <%s>%04d-%02d-%02dT%02d:%02d:%02dZ</%s>\n", element, y, mo, d, h, mi, sec,
          element);
}

int pdf_write_xmp(pdf_ctx *c, int pdfa_part, char pdfa_level) {
  char *xml = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&xml, &len);
  if (!f)
    return pdf_fail(c, "out of memory");
  fputs("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"",
        f);
  if (pdfa_part)
    fputs("\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"", f);
  fputs(">\n", f);
  put_entry(c, f, "Title", "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
            "</rdf:li></rdf:Alt></dc:title>\n");
  put_entry(c, f, "Subject", "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
            "</rdf:li></rdf:Alt></dc:description>\n");
  put_entry(c, f, "Author", "   <dc:creator><rdf:Seq><rdf:li>", "</rdf:li></rdf:Seq></dc:creator>\n");
  if (c->tags.lang && *c->tags.lang) {
    fputs("   <dc:language><rdf:Bag><rdf:li>", f);
    put_escaped(f, c->tags.lang, strlen(c->tags.lang));
    fputs("</rdf:li></rdf:Bag></dc:language>\n", f);
  }
  put_entry(c, f, "Keywords", "   <pdf:Keywords>", "</pdf:Keywords>\n");
  put_entry(c, f, "Producer", "   <pdf:Producer>", "</pdf:Producer>\n");
  put_entry(c, f, "Creator", "   <xmp:CreatorTool>", "</xmp:CreatorTool>\n");
  put_date(c, f, "CreationDate", "xmp:CreateDate");
  put_date(c, f, "ModDate", "xmp:ModifyDate");
  fputs("   <pdfuaid:part>1</pdfuaid:part>\n", f);
  if (pdfa_part)
    fprintf(f, "   <pdfaid:part>%d</pdfaid:part>\n   <pdfaid:conformance>%c</pdfaid:conformance>\n",
            pdfa_part, pdfa_level);
  fputs("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>", f);
  if (fclose(f) != 0) {
    free(xml);
    return pdf_fail(c, "out of memory");
  }
  HPDF_Dict meta = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
  int rc = 0;
  if (!meta || HPDF_Dict_AddName(meta, "Type", "Metadata") != HPDF_OK ||
      HPDF_Dict_AddName(meta, "Subtype", "XML") != HPDF_OK ||
      HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xml, (HPDF_UINT)len) != HPDF_OK ||
      HPDF_Dict_Add(c->pdf->catalog, "Metadata", meta) != HPDF_OK)
    rc = pdf_fail(c, "cannot write the XMP metadata");
  else
    meta->filter = HPDF_STREAM_FILTER_NONE;
  free(xml);
  return rc;
}
