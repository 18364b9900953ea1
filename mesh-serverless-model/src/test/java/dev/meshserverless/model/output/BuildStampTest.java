package dev.meshserverless.model.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStampTest {
  @TempDir Path dir;

  @Test
  void fingerprintCoversEveryVisibleFileByPathAndBytesAndTheGenerator() throws Exception {
    Path descriptor = Files.createDirectories(dir.resolve("d"));
    Files.writeString(descriptor.resolve("platform.yaml"), "a: 1\n");
    Files.createDirectories(descriptor.resolve("certs"));
    Files.writeString(descriptor.resolve("certs/mesh.pem"), "pem\n");
    String first = BuildStamp.fingerprint(descriptor, "plugin 1");

    assertThat(BuildStamp.fingerprint(descriptor, "plugin 1")).isEqualTo(first).hasSize(64);
    assertThat(BuildStamp.fingerprint(descriptor, "plugin 2")).as("another generator").isNotEqualTo(first);
    Files.writeString(descriptor.resolve("certs/mesh.pem"), "pem!\n");
    assertThat(BuildStamp.fingerprint(descriptor, "plugin 1")).as("a certificate's bytes").isNotEqualTo(first);
    Files.writeString(descriptor.resolve("certs/mesh.pem"), "pem\n");
    assertThat(BuildStamp.fingerprint(descriptor, "plugin 1")).isEqualTo(first);
    Files.move(descriptor.resolve("platform.yaml"), descriptor.resolve("platform2.yaml"));
    assertThat(BuildStamp.fingerprint(descriptor, "plugin 1")).as("a renamed file").isNotEqualTo(first);
    Files.move(descriptor.resolve("platform2.yaml"), descriptor.resolve("platform.yaml"));
    Files.writeString(descriptor.resolve(".editor-swap"), "x");
    Files.createDirectories(descriptor.resolve(".git"));
    Files.writeString(descriptor.resolve(".git/HEAD"), "x");
    assertThat(BuildStamp.fingerprint(descriptor, "plugin 1")).as("hidden files are not inputs").isEqualTo(first);
  }

  @Test
  void codeIdentityDependsOnTheCode() throws Exception {
    assertThat(BuildStamp.codeIdentity(BuildStamp.class)).isEqualTo(BuildStamp.codeIdentity(BuildStamp.class))
        .isNotEqualTo(BuildStamp.codeIdentity(BuildStampTest.class)).hasSize(64);
    assertThat(BuildStamp.codeIdentity(String.class)).as("a class without a code source").hasSize(64);

    Path jar = Files.writeString(dir.resolve("plugin.jar"), "code");
    String before = BuildStamp.locationIdentity(jar);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(BuildStamp.locationIdentity(jar)).as("a rebuilt jar").isNotEqualTo(before);
    Path classes = Files.createDirectories(dir.resolve("classes/dev"));
    Files.writeString(classes.resolve("A.class"), "a");
    String folder = BuildStamp.locationIdentity(dir.resolve("classes"));
    Files.writeString(classes.resolve("A.class"), "ab");
    assertThat(BuildStamp.locationIdentity(dir.resolve("classes"))).as("a recompiled class").isNotEqualTo(folder);
  }

  @Test
  void upToDateOnlyWhileEveryRecordedFileIsInPlaceUnchanged() throws Exception {
    Path output = dir.resolve("gitops");
    Path stamp = dir.resolve("target/stamp");
    SortedMap<String, byte[]> files = new TreeMap<>(Map.of("a/one.yaml", "1\n".getBytes(), "two.yaml", "22\n".getBytes()));
    RenderedTree tree = new RenderedTree(files);
    TreeWriter.replace(output, tree);
    BuildStamp.record(stamp, output, tree, "f");

    BuildStamp.Check check = BuildStamp.check(stamp, output, "f");
    assertThat(check.upToDate()).isTrue();
    assertThat(check.files()).as("the tree's files; the index is checked, not counted").isEqualTo(2);
    assertThat(BuildStamp.check(stamp, output, "g").upToDate()).isFalse();
    assertThat(BuildStamp.check(stamp, dir.resolve("other"), "f").upToDate()).isFalse();

    Files.writeString(output.resolve("hand-written.md"), "files the plugin did not write do not matter\n");
    assertThat(BuildStamp.check(stamp, output, "f").upToDate()).isTrue();

    Files.writeString(output.resolve("two.yaml"), "2\n");
    assertThat(BuildStamp.check(stamp, output, "f").reason()).isEqualTo("two.yaml in " + output
        + " was changed after the last run");
    Files.writeString(output.resolve("two.yaml"), "22\n");
    Files.setLastModifiedTime(output.resolve("two.yaml"), FileTime.from(Instant.now().plusSeconds(2)));
    assertThat(BuildStamp.check(stamp, output, "f").upToDate()).as("same size, written later").isFalse();

    Files.delete(output.resolve("two.yaml"));
    Files.createDirectory(output.resolve("two.yaml"));
    assertThat(BuildStamp.check(stamp, output, "f").upToDate()).as("a directory in its place").isFalse();

    BuildStamp.forget(stamp);
    assertThat(BuildStamp.check(stamp, output, "f").reason()).startsWith("no earlier run recorded in ");
  }
}
