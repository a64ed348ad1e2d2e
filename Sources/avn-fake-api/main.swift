import AvnFakeAPI
