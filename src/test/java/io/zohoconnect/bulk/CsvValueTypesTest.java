package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A Bulk Read CSV cell becomes the value the API's JSON gives for the field's data type. */
class CsvValueTypesTest {

    private final CsvValueTypes types = new CsvValueTypes(Map.of("Employees", "integer", "Amount", "currency",
            "Rate", "double", "Opt_In", "boolean", "Colours", "multiselectpicklist", "Account_Name", "lookup",
            "Owner", "ownerlookup", "Closing_Date", "date", "Modified_Time", "datetime", "Name", "text"));

    @Test
    void numbersBecomeNumbers() {
        assertThat(types.value("Employees", "42")).isEqualTo(42L);
        assertThat(types.value("Amount", "1234.5")).isEqualTo(1234.5);
        assertThat(types.value("Rate", "0.25")).isEqualTo(0.25);
    }

    @Test
    void aDecimalTooPreciseForADoubleKeepsItsDigits() {
        assertThat(types.value("Amount", "12345678901234567.89")).isEqualTo(new java.math.BigDecimal("12345678901234567.89"));
    }

    @Test
    void booleansBecomeBooleans() {
        assertThat(types.value("Opt_In", "true")).isEqualTo(true);
        assertThat(types.value("Opt_In", "FALSE")).isEqualTo(false);
    }

    @Test
    void lookupsBecomeObjectsWithTheirId() {
        assertThat(types.value("Account_Name", "4150868000000224005")).isEqualTo(Map.of("id", "4150868000000224005"));
        assertThat(types.value("Owner", "4150868000000225013")).isEqualTo(Map.of("id", "4150868000000225013"));
    }

    @Test
    void multiSelectPicklistsBecomeLists() {
        assertThat(types.value("Colours", "Red;Green; Blue")).isEqualTo(List.of("Red", "Green", "Blue"));
    }

    @Test
    void datesAndTextStayAsZohoWritesThem() {
        assertThat(types.value("Closing_Date", "2026-11-30")).isEqualTo("2026-11-30");
        assertThat(types.value("Modified_Time", "2026-11-30T10:15:00+05:30")).isEqualTo("2026-11-30T10:15:00+05:30");
        assertThat(types.value("Name", " padded, with comma ")).isEqualTo(" padded, with comma ");
        assertThat(types.value("Unknown_Field", "007")).isEqualTo("007");
    }

    @Test
    void anEmptyCellIsNull() {
        assertThat(types.value("Employees", "")).isNull();
        assertThat(types.value("Name", "")).isNull();
        assertThat(types.value("Owner", null)).isNull();
    }

    @Test
    void aCellThatIsNotItsTypeStaysText() {
        assertThat(types.value("Employees", "many")).isEqualTo("many");
        assertThat(types.value("Opt_In", "yes")).isEqualTo("yes");
    }
}
