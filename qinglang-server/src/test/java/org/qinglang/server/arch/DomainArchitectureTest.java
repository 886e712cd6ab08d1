package org.qinglang.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qinglang.server.auth.Scope;
import org.qinglang.server.auth.Unscoped;
import org.qinglang.server.store.Sql;
import org.qinglang.server.store.Store;

/**
 * Tenancy cannot be forgotten by a new handler: every public operation of a class that holds
 * the database takes the caller's {@link Scope} (or says with {@link Unscoped} why none
 * applies), and the web layer cannot reach the database except through those operations.
 */
class DomainArchitectureTest {
  private static JavaClasses server;

  @BeforeAll
  static void importClasses() {
    server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.qinglang.server");
  }

  /** A class with an {@link Sql} field: it can read and write any tenant's rows. */
  static final DescribedPredicate<JavaClass> HOLDS_THE_DATABASE =
      DescribedPredicate.describe("hold the database (an Sql field; records only wire them)",
          c -> !c.isRecord() && c.getFields().stream()
              .anyMatch(f -> f.getRawType().isEquivalentTo(Sql.class)));

  static final ArchCondition<JavaClass> TAKE_THE_CALLERS_SCOPE =
      new ArchCondition<>("take the caller's Scope in every public operation") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          if (c.isAnnotatedWith(Unscoped.class)) {
            return;
          }
          for (JavaMethod m : c.getMethods()) {
            if (!m.getModifiers().contains(JavaModifier.PUBLIC)
                || m.getModifiers().contains(JavaModifier.STATIC)
                || m.isAnnotatedWith(Unscoped.class)) {
              continue;
            }
            List<String> params = new ArrayList<>();
            m.getRawParameterTypes().forEach(p -> params.add(p.getName()));
            // inside a caller's transaction: the web layer cannot obtain a Connection (rule below)
            if (params.contains("java.sql.Connection") || params.contains(Scope.class.getName())) {
              continue;
            }
            events.add(SimpleConditionEvent.violated(m, m.getFullName()
                + " takes no Scope: a handler could call it for any tenant (add the caller's"
                + " Scope, or @Unscoped with the reason)"));
          }
        }
      };

  static final ArchRule DOMAIN_OPERATIONS_TAKE_A_SCOPE =
      classes().that(HOLDS_THE_DATABASE).should(TAKE_THE_CALLERS_SCOPE);

  static final ArchRule THE_WEB_LAYER_HAS_NO_SQL = noClasses()
      .that().resideInAPackage("org.qinglang.server.web..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
      .orShould().dependOnClassesThat().belongToAnyOf(Sql.class, Store.class)
      .because("a handler must go through a domain operation that takes its caller's Scope");

  @Test
  void everyPublicOperationOfAClassHoldingTheDatabaseTakesTheCallersScope() {
    DOMAIN_OPERATIONS_TAKE_A_SCOPE.check(server);
  }

  @Test
  void theWebLayerReachesTheDatabaseOnlyThroughTheDomain() {
    THE_WEB_LAYER_HAS_NO_SQL.check(server);
  }

  @Test
  void theRulesSeeTheDomainClassesSoTheyCannotPassVacuously() {
    List<String> held = server.stream().filter(HOLDS_THE_DATABASE).map(JavaClass::getSimpleName)
        .toList();
    assertThat(held).contains("Cases", "EventIngest", "NegativeList", "Registry", "Users",
        "Credit", "Queries", "EvidencePackage");
  }

  /** A class written the way the rule forbids, to show the rule fails on it. */
  static final class Careless {
    private final Sql sql = null;

    public void rewriteRoom(String room, String anchor) {
      sql.update("update room set anchor = ? where room = ?", anchor, room);
    }
  }

  @Test
  void aDomainWriteWithoutAScopeFailsTheRule() {
    JavaClasses careless = new ClassFileImporter().importClasses(Careless.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> DOMAIN_OPERATIONS_TAKE_A_SCOPE.check(careless))
        .isInstanceOf(AssertionError.class).hasMessageContaining("rewriteRoom");
  }
}
