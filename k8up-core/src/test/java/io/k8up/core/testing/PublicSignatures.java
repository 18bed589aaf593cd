package io.k8up.core.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An ArchUnit condition for the API boundary: what a caller outside a module can reach of a class
 * (its public and protected fields, constructors and methods, its supertypes) names no type of an
 * {@code internal} package, so that internal packages stay free to change.
 */
public final class PublicSignatures {

  private static final Set<JavaModifier> VISIBLE = Set.of(JavaModifier.PUBLIC, JavaModifier.PROTECTED);

  private PublicSignatures() {}

  /** Holds for a class whose visible members and supertypes mention no class of a {@code ..internal..} package. */
  public static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no type of an internal package in a public signature") {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        for (String leak : leaks(javaClass)) {
          events.add(SimpleConditionEvent.violated(javaClass, leak));
        }
      }
    };
  }

  private static List<String> leaks(JavaClass javaClass) {
    List<String> leaks = new ArrayList<>();
    List<JavaType> supertypes = new ArrayList<>(javaClass.getInterfaces());
    javaClass.getSuperclass().ifPresent(supertypes::add);
    for (JavaType supertype : supertypes) {
      addLeaks(javaClass.getName() + " extends or implements", supertype, leaks);
    }
    for (JavaMember member : javaClass.getMembers()) {
      if (member.getModifiers().stream().noneMatch(VISIBLE::contains)) {
        continue;
      }
      if (member instanceof JavaField field) {
        addLeaks(field.getFullName(), field.getType(), leaks);
      } else if (member instanceof JavaCodeUnit code) {
        addLeaks(code.getFullName() + " returns", code.getReturnType(), leaks);
        code.getParameterTypes().forEach(type -> addLeaks(code.getFullName() + " takes", type, leaks));
      }
    }
    return leaks;
  }

  private static void addLeaks(String where, JavaType type, List<String> leaks) {
    for (JavaClass involved : type.getAllInvolvedRawTypes()) {
      if (isInternal(involved)) {
        leaks.add(where + " " + involved.getName() + ", of an internal package");
      }
    }
  }

  private static boolean isInternal(JavaClass javaClass) {
    return ("." + javaClass.getPackageName() + ".").contains(".internal.");
  }
}
