package io.doltsync.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Applies an {@link Advice} to every method the class file declares that matches, bridge methods included.
 * ({@code Advice.on(matcher)} sees only the methods of Byte Buddy's method graph, where a bridge is folded into
 * the method it calls: MariaDB's driver declares {@code java.sql.Connection connect(String, Properties)} only as
 * the bridge of a covariant {@code org.mariadb.jdbc.Connection connect(...)}, and DriverManager calls the bridge.)
 */
final class DeclaredMethodsAdvice implements AsmVisitorWrapper {

  private final Advice advice;
  private final ElementMatcher<? super MethodDescription> matcher;

  DeclaredMethodsAdvice(Advice advice, ElementMatcher<? super MethodDescription> matcher) {
    this.advice = advice;
    this.matcher = matcher;
  }

  @Override
  public int mergeWriter(int flags) {
    return flags;
  }

  @Override
  public int mergeReader(int flags) {
    return flags;
  }

  @Override
  public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
      Implementation.Context implementationContext, TypePool typePool,
      FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags, int readerFlags) {
    MethodList<MethodDescription.InDefinedShape> declared = instrumentedType.getDeclaredMethods();
    return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
      @Override
      public MethodVisitor visitMethod(int modifiers, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(modifiers, name, descriptor, signature, exceptions);
        if (visitor == null) {
          return null;
        }
        for (MethodDescription method : declared) {
          if (method.getInternalName().equals(name) && method.getDescriptor().equals(descriptor) && matcher.matches(method)) {
            return advice.wrap(instrumentedType, method, visitor, implementationContext, typePool, writerFlags, readerFlags);
          }
        }
        return visitor;
      }
    };
  }
}
