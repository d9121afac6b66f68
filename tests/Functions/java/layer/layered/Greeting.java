package layered;

/** A class from a layer's java/lib/*.jar (Lambda's /opt/java/lib). */
public final class Greeting {
    private Greeting() {
    }

    public static String greet(String name) {
        return "hello " + name + ", from a layer";
    }
}
