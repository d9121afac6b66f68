package example;

/** The tests rewrite its class file's version to one no JDK loads: the code needs a newer toolchain. */
public class TooNew {
    public String handle(String input) {
        return input;
    }
}
