import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class Insecure {
  public Process run(String file) throws IOException {
    return Runtime.getRuntime().exec("cat " + file);
  }

  public ResultSet find(Connection connection, String name) throws SQLException {
    Statement statement = connection.createStatement();
    return statement.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
  }

  public Object read(InputStream in) throws IOException, ClassNotFoundException {
    return new ObjectInputStream(in).readObject();
  }
}
