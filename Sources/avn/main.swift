import AvnCLI
import Foundation
