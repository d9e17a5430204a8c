package org.torch4j.text.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TextLines and Fortunes on small fixtures, and on Debian's fortunes when installed. */
class DatasetsTest {

    static Path fixtures() throws URISyntaxException {
        return Path.of(DatasetsTest.class.getResource("/reference/text/fortunes").toURI());
    }

    @Test
    void linesAndRecords(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "one\ntwo\r\n\nfour\n");
        assertEquals(List.of("one", "two", "", "four"), TextLines.lines(f).items());
        TextLines records = TextLines.records(fixtures().resolve("alpha"), "%");
        assertEquals(6, records.size());
        assertEquals("Second alpha\nfortune, two lines.", records.get(1));
        var e = assertThrows(NoSuchFileException.class, () -> TextLines.lines(dir.resolve("missing.txt")));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }

    @Test
    void fortunesSkipIndexesLinksAndOffensiveFilesAndSplitEveryFifth() throws Exception {
        assertEquals(List.of("alpha", "beta"), Fortunes.availableCategories(fixtures()));
        Fortunes train = Fortunes.load(fixtures(), true, null);
        Fortunes test = Fortunes.load(fixtures(), false, null);
        assertEquals(List.of("alpha", "beta"), train.categories());
        assertEquals(List.of(new LabeledText(0, "First alpha fortune."), new LabeledText(0, "Second alpha\nfortune, two lines."),
                new LabeledText(0, "Third."), new LabeledText(0, "Fourth."), new LabeledText(0, "Sixth."),
                new LabeledText(1, "Only beta with bold text.")), train.items());
        assertEquals(List.of(new LabeledText(0, "Fifth goes to test.")), test.items());
        assertEquals(List.of("beta"), Fortunes.load(fixtures(), true, List.of("beta")).categories());
    }

    @Test
    void missingFilesSayWhatToInstall(@TempDir Path dir) throws Exception {
        var e = assertThrows(NoSuchFileException.class, () -> Fortunes.load(dir.resolve("none"), true, null));
        assertTrue(e.getMessage().contains("install the Debian package fortunes"), e.getMessage());
        var e2 = assertThrows(NoSuchFileException.class, () -> Fortunes.load(fixtures(), true, List.of("alpha", "nope")));
        assertTrue(e2.getMessage().contains("no fortune category 'nope'; available: alpha, beta"), e2.getMessage());
    }

    @Test
    void debianFortunesAreALabelledDatasetWithADisjointSplit() throws Exception {
        assumeTrue(Files.isDirectory(Fortunes.DEFAULT_ROOT), "Debian's fortunes files are not installed under " + Fortunes.DEFAULT_ROOT);
        Fortunes train = Fortunes.load(true), test = Fortunes.load(false);
        assertTrue(train.categories().size() >= 5, train.categories().toString());
        assertTrue(train.categories().stream().noneMatch(c -> c.contains(".") || c.endsWith("-o")));
        double share = test.size() / (double) (train.size() + test.size());
        assertTrue(share > 0.18 && share < 0.22, "test share " + share);
        var texts = new HashSet<String>();
        train.items().forEach(i -> texts.add(i.label() + "\u0000" + i.text()));
        long overlap = test.items().stream().filter(i -> texts.contains(i.label() + "\u0000" + i.text())).count();
        assertTrue(overlap < test.size() / 50, "duplicates across the split: " + overlap);
        assertTrue(train.items().stream().noneMatch(i -> i.text().isBlank() || i.text().indexOf('\b') >= 0));
    }
}
