package dev.codegen.plugin.javac;

import java.net.URI;
import javax.tools.SimpleJavaFileObject;

/** A Java source held in a string, named so javac's public-class file name rule holds. */
final class SourceString extends SimpleJavaFileObject {

  private final String code;

  SourceString(String typeName, String code) {
    super(URI.create("string:///" + typeName + Kind.SOURCE.extension), Kind.SOURCE);
    this.code = code;
  }

  @Override
  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
    return code;
  }
}
