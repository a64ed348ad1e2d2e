import AvnAPI
import AvnVault
