package lambdadevtools.runtime;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function's class loader, as AWS's runtime builds it: the code folder ({@code /var/task}), its {@code lib/*.jar},
 * then the layers' {@code java/lib/*.jar} ({@code /opt/java/lib}), jars sorted by name in each folder.
 */
final class CustomerClassLoader {
    private CustomerClassLoader() {
    }

    /** @param opt the layers' folder (Lambda's {@code /opt}), or null when the function has none */
    static URLClassLoader create(String taskRoot, String opt) {
        List<URL> urls = new ArrayList<>();
        urls.add(url(new File(taskRoot)));
        addJars(urls, new File(taskRoot, "lib"));
        if (opt != null && !opt.isEmpty()) addJars(urls, new File(opt, "java/lib"));
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader());
    }

    /** The class path, for messages. */
    static String describe(URLClassLoader loader) {
        StringBuilder path = new StringBuilder();
        for (URL url : loader.getURLs()) path.append(path.length() == 0 ? "" : ",").append(url);
        return path.toString();
    }

    private static void addJars(List<URL> urls, File folder) {
        File[] jars = folder.listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null) return;
        Arrays.sort(jars);
        for (File jar : jars) urls.add(url(jar));
    }

    private static URL url(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
