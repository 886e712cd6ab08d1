package org.qinglang.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** report.pdf: the report's HTML through openhtmltopdf, with a CJK font embedded (subset). */
final class Pdf {
  private Pdf() {}

  /** Where Debian's packages put a CJK font with TrueType outlines, which PDFBox can embed. */
  static final List<Path> CANDIDATES = List.of(
      Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
      Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
      Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
      Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

  /** The CJK font: QINGLANG_CJK_FONT if set, else the first Debian candidate present. */
  static Path font() {
    String env = System.getenv("QINGLANG_CJK_FONT");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      if (!Files.isReadable(p)) {
        throw new IllegalStateException("QINGLANG_CJK_FONT names " + p + ", which cannot be read");
      }
      return p;
    }
    for (Path p : CANDIDATES) {
      if (Files.isReadable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no CJK font for report.pdf (Chinese text would not show): "
        + "install one with 'apt-get install fonts-wqy-microhei' (as "
        + "qinglang-server/scripts/install-browser-deps.sh does), or set QINGLANG_CJK_FONT to a "
        + "TrueType .ttf or .ttc file; looked in " + CANDIDATES);
  }

  static void write(String html, Path out) throws IOException {
    Path fontFile = font();
    List<AutoCloseable> open = new ArrayList<>();
    try (PDDocument doc = new PDDocument()) {
      PDFont font = load(doc, fontFile, open);
      PdfRendererBuilder b = new PdfRendererBuilder();
      b.usePDDocument(doc);
      b.useSVGDrawer(new BatikSVGDrawer());
      b.useFont(new com.openhtmltopdf.pdfboxout.PDFontSupplier(font), Html.PDF_FONT);
      b.withHtmlContent(html, out.toAbsolutePath().getParent().toUri().toString());
      b.buildPdfRenderer().createPDFWithoutClosing();
      doc.save(out.toFile());
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // the PDF is saved; a font file that will not close changes nothing in it
        }
      }
    }
  }

  /**
   * A .ttc holds several faces; the first is the regular one in the Debian CJK packages. The
   * collection stays open until the document is saved, because the subset is cut on save.
   */
  private static PDFont load(PDDocument doc, Path file, List<AutoCloseable> open) throws IOException {
    if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
      TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
      open.add(ttc);
      TrueTypeFont[] first = new TrueTypeFont[1];
      ttc.processAllFonts(f -> {
        if (first[0] == null) {
          first[0] = f;
        }
      });
      if (first[0] == null) {
        throw new IOException("no font in " + file);
      }
      return PDType0Font.load(doc, first[0], true);
    }
    return PDType0Font.load(doc, file.toFile());
  }
}
