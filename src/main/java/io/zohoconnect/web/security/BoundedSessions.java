package io.zohoconnect.web.security;

import org.apache.catalina.Session;
import org.apache.catalina.session.StandardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's session store with a cap for the whole service ({@code zoho.admin.max-sessions}): at the cap, a new
 * session signs out the one used least recently, so memory stays bounded and a new login always gets in. Only a
 * successful dashboard login makes a session ({@link SecurityConfiguration}), so only a holder of the admin key can
 * fill the table. Tomcat's own {@code maxActiveSessions} would refuse the new login instead (it throws
 * {@code TooManyActiveSessionsException}): a script that logs in over and over would lock the administrator out
 * of the dashboard until its sessions time out.
 */
final class BoundedSessions extends StandardManager {

    private static final Logger log = LoggerFactory.getLogger(BoundedSessions.class);

    private final int maxSessions;
    private final Object creating = new Object();

    BoundedSessions(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    @Override
    public Session createSession(String sessionId) {
        synchronized (creating) {
            while (getActiveSessions() >= maxSessions && signOutLeastRecentlyUsed()) {
                // one at a time: the table may hold more than the cap only if it was lowered
            }
            return super.createSession(sessionId);
        }
    }

    private boolean signOutLeastRecentlyUsed() {
        Session oldest = null;
        for (Session session : findSessions()) {
            if (oldest == null || session.getThisAccessedTimeInternal() < oldest.getThisAccessedTimeInternal()) {
                oldest = session;
            }
        }
        if (oldest == null) {
            return false;
        }
        oldest.expire();
        log.warn("{} dashboard sessions are live (zoho.admin.max-sessions): the one used least recently was signed"
                + " out to make room for a new login", maxSessions);
        return true;
    }
}
