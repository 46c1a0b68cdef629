package io.berth.core.identity;

/** Who is making a request: a user, a robot account, or nobody in particular. */
public record Caller(Kind kind, long id, String name, boolean sysadmin) {

    public enum Kind { USER, ROBOT, ANONYMOUS }

    /** What the name of every robot account starts with, and no user's may. */
    public static final String ROBOT_PREFIX = "robot$";

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, 0, "anonymous", false);

    public boolean authenticated() {
        return kind != Kind.ANONYMOUS;
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean isRobot() {
        return kind == Kind.ROBOT;
    }
}
