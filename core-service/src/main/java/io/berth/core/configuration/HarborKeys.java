package io.berth.core.configuration;

import java.util.Set;

/** Harbor's configuration keys that Berth knows but does not act on yet, so that refusing one says why. */
final class HarborKeys {
    private static final Set<String> NOT_YET = Set.of("primary_auth_mode", "ldap_verify_cert",
            "ldap_group_attach_parallel", "oidc_name", "oidc_endpoint",
            "oidc_client_id", "oidc_client_secret", "oidc_scope", "oidc_groups_claim", "oidc_admin_group", "oidc_group_filter",
            "oidc_user_claim", "oidc_auto_onboard", "oidc_verify_cert", "oidc_extra_redirect_parms", "oidc_logout",
            "http_authproxy_endpoint", "http_authproxy_tokenreview_endpoint", "http_authproxy_verify_cert",
            "http_authproxy_skip_search", "http_authproxy_server_certificate", "http_authproxy_admin_groups",
            "http_authproxy_admin_usernames", "uaa_endpoint", "uaa_client_id", "uaa_client_secret", "uaa_verify_cert",
            "notification_enable", "quota_per_project_enable", "storage_per_project", "audit_log_forward_endpoint",
            "skip_audit_log_database", "session_timeout", "scanner_skip_update_pulltime", "banner_message",
            "disabled_audit_log_event_types", "email_host", "email_port", "email_username", "email_password", "email_from",
            "email_ssl", "email_identity", "email_insecure", "scan_all_policy");

    private HarborKeys() {}

    static String whyRefused(String key) {
        return NOT_YET.contains(key) ? "Harbor's key is not acted on by Berth yet, so it is refused rather than stored"
                : "unknown configuration key";
    }
}
