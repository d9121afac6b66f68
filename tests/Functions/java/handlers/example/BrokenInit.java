package example;

/** Its static initializer throws: the class cannot be loaded, a fatal init error. */
public class BrokenInit {
    static {
        if (Boolean.parseBoolean("true")) throw new IllegalStateException("static init failed");
    }

    public String handle(String input) {
        return input;
    }
}
