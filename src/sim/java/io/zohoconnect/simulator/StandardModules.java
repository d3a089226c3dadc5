package io.zohoconnect.simulator;

import static io.zohoconnect.simulator.FieldDef.mandatory;
import static io.zohoconnect.simulator.FieldDef.of;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The standard modules every simulated org has, with realistic (trimmed) field lists. */
final class StandardModules {

    private static final List<ModuleSchema> ALL = List.of(
            module("Leads", "Lead", List.of("Email"), List.of("First_Name", "Last_Name"),
                    of("First_Name", "text", FieldKind.FIRST_NAME),
                    mandatory("Last_Name", "text", FieldKind.LAST_NAME),
                    mandatory("Company", "text", FieldKind.COMPANY),
                    of("Email", "email", FieldKind.EMAIL),
                    of("Phone", "phone", FieldKind.PHONE),
                    of("Lead_Source", "picklist", FieldKind.PICKLIST, "Advertisement", "Cold Call",
                            "Employee Referral", "External Referral", "Online Store", "Partner", "Public Relations",
                            "Seminar Partner", "Trade Show", "Web Download", "Web Research", "Chat"),
                    of("Lead_Status", "picklist", FieldKind.PICKLIST, "Not Contacted", "Attempted to Contact",
                            "Contact in Future", "Contacted", "Junk Lead", "Lost Lead", "Pre-Qualified",
                            "Not Qualified"),
                    of("Description", "textarea", FieldKind.TEXTAREA)),
            module("Contacts", "Contact", List.of("Email"), List.of("First_Name", "Last_Name"),
                    of("First_Name", "text", FieldKind.FIRST_NAME),
                    mandatory("Last_Name", "text", FieldKind.LAST_NAME),
                    of("Email", "email", FieldKind.EMAIL),
                    of("Phone", "phone", FieldKind.PHONE),
                    of("Account_Name", "lookup", FieldKind.LOOKUP)),
            module("Accounts", "Account", List.of("Account_Name"), List.of("Account_Name"),
                    mandatory("Account_Name", "text", FieldKind.UNIQUE_NAME, "Branch", "Division", "Holdings",
                            "Group", "Labs"),
                    of("Website", "website", FieldKind.WEBSITE),
                    of("Phone", "phone", FieldKind.PHONE),
                    of("Industry", "picklist", FieldKind.PICKLIST, "ASP (Application Service Provider)",
                            "Data/Telecom OEM", "ERP (Enterprise Resource Planning)", "Government/Military",
                            "Large Enterprise", "ManagementISV", "MSP (Management Service Provider)",
                            "Network Equipment Enterprise", "Non-management ISV", "Optical Networking",
                            "Service Provider", "Small/Medium Enterprise", "Storage Equipment", "Storage Service Provider",
                            "Systems Integrator", "Wireless Industry")),
            module("Deals", "Deal", List.of("Deal_Name"), List.of("Deal_Name"),
                    mandatory("Deal_Name", "text", FieldKind.UNIQUE_NAME, "Renewal", "Expansion", "New business",
                            "Upgrade", "Pilot"),
                    mandatory("Stage", "picklist", FieldKind.PICKLIST, "Qualification", "Needs Analysis",
                            "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
                            "Negotiation/Review", "Closed Won", "Closed Lost"),
                    of("Amount", "currency", FieldKind.CURRENCY),
                    of("Closing_Date", "date", FieldKind.DATE)),
            module("Campaigns", "Campaign", List.of("Campaign_Name"), List.of("Campaign_Name"),
                    mandatory("Campaign_Name", "text", FieldKind.UNIQUE_NAME, "Spring launch", "Webinar series",
                            "Trade show", "Newsletter", "Partner drive"),
                    of("Type", "picklist", FieldKind.PICKLIST, "Conference", "Webinar", "Trade Show",
                            "Public Relations", "Partners", "Referral Program", "Advertisement", "Banner Ads",
                            "Direct mail", "Email", "Telemarketing", "Others"),
                    of("Status", "picklist", FieldKind.PICKLIST, "Planning", "Active", "Inactive", "Complete")),
            module("Tasks", "Task", List.of("Subject"), List.of("Subject"),
                    mandatory("Subject", "text", FieldKind.UNIQUE_NAME, "Call back", "Send proposal to",
                            "Follow up with", "Demo for", "Email"),
                    of("Status", "picklist", FieldKind.PICKLIST, "Not Started", "Deferred", "In Progress",
                            "Completed", "Waiting for input"),
                    of("Due_Date", "date", FieldKind.DATE)),
            module("Cases", "Case", List.of("Subject"), List.of("Subject"),
                    mandatory("Subject", "text", FieldKind.UNIQUE_NAME, "Login fails for", "Invoice question from",
                            "Outage reported by", "Feature request from", "Data export for"),
                    of("Status", "picklist", FieldKind.PICKLIST, "New", "On Hold", "Escalated", "Closed"),
                    of("Priority", "picklist", FieldKind.PICKLIST, "High", "Medium", "Low")));

    private static final Map<String, ModuleSchema> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ModuleSchema::key, Function.identity()));

    private StandardModules() {
    }

    static List<ModuleSchema> all() {
        return ALL;
    }

    /** By API name, case-insensitively as Zoho's URLs accept it; null when not standard. */
    static ModuleSchema byName(String name) {
        return BY_KEY.get(name.toLowerCase(Locale.ROOT));
    }

    /** Who created and changed a record, and when: every module has them, none can be written. */
    static List<FieldDef> auditFields() {
        return List.of(
                of("Created_By", "ownerlookup", FieldKind.CREATED_BY),
                of("Modified_By", "ownerlookup", FieldKind.MODIFIED_BY),
                of("Created_Time", "datetime", FieldKind.CREATED_TIME),
                of("Modified_Time", "datetime", FieldKind.MODIFIED_TIME));
    }

    private static ModuleSchema module(String apiName, String singular, List<String> duplicateCheck,
                                       List<String> display, FieldDef... own) {
        List<FieldDef> fields = new ArrayList<>();
        fields.add(of("id", "bigint", FieldKind.ID));
        fields.add(of("Owner", "ownerlookup", FieldKind.OWNER));
        fields.addAll(Arrays.asList(own));
        fields.addAll(auditFields());
        return new ModuleSchema(apiName, singular, apiName, false, fields, duplicateCheck, display);
    }
}
