package floor;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.Micronaut;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.DriverManager;
import java.util.Map;

/** Floor.java's query behind Micronaut's netty server: one controller, plain JDBC, nothing else. */
@Controller
public class MicronautFloor {

    private static final String URL = System.getenv().getOrDefault("FLOOR_JDBC_URL", "jdbc:mysql://127.0.0.1:3306/mysql?user=root");

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MicronautFloor.class).banner(false)
                .properties(Map.of("micronaut.server.port", System.getenv("PORT"))).start();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> count() {
        try (var c = DriverManager.getConnection(URL); var s = c.createStatement();
             var r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables")) {
            r.next();
            return HttpResponse.ok("{\"count\":" + r.getLong(1) + "}");
        } catch (Exception e) {
            return HttpResponse.<String>serverError().body(String.valueOf(e));
        }
    }
}
